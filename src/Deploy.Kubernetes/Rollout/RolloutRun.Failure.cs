using System.Globalization;

namespace Deploy.Kubernetes.Rollout;

/// <summary>The failure path: roll back (unless told not to), wait for that, and throw one sentence that says it all.</summary>
internal sealed partial class RolloutRun
{
    private async Task<KubernetesRolloutResult> FailAsync(string reason, KubernetesRolloutResult result, CancellationToken cancellationToken)
    {
        var current = await _api.ReadDeploymentAsync(Name, cancellationToken).ConfigureAwait(false);
        var failedAt = current is null ? null : Revisions.Of(current.Metadata);
        result = result with { RevisionAfter = failedAt };
        var failed = $"The rollout of {_request.Image} to deployment \"{Name}\" in namespace \"{Namespace}\" failed: {reason}.";
        var undo = $"kubectl rollout undo deployment/{Name} -n {Namespace}";
        if (!_request.Rollback)
        {
            throw new KubernetesRolloutException(
                $"{failed} It was not rolled back (rollback is off): the deployment stays at revision {Show(failedAt)}; to go back, run {undo}.")
            { Result = result };
        }

        if (result.RevisionBefore is not { } before)
        {
            throw new KubernetesRolloutException(
                $"{failed} It could not be rolled back: the deployment had no revision before this rollout.")
            { Result = result };
        }

        try
        {
            _log.Warning("Rolling deployment {Namespace:l}/{Deployment:l} back to revision {Revision}", Namespace, Name, before);
            var outcome = await Rollback.ToRevisionAsync(_api, Name, before, cancellationToken).ConfigureAwait(false);
            if (outcome.Skipped)
            {
                throw new KubernetesRolloutException(
                    $"{failed} Rollback skipped: the deployment's template already matches revision {before}, so there was nothing to undo.")
                { Result = result };
            }

            result = result with { RevisionAfter = await WaitAsync(cancellationToken).ConfigureAwait(false), RolledBack = true };
        }
        catch (Exception exception) when (exception is RolloutFailedException or TimeoutException)
        {
            throw new KubernetesRolloutException(
                $"{failed} The rollback to revision {before} failed too: {exception.Message}. Look at the deployment (kubectl rollout status deployment/{Name} -n {Namespace}) and fix it by hand.",
                exception)
            { Result = result };
        }

        throw new KubernetesRolloutException(
            $"{failed} Rolled back to revision {before} (now revision {Show(result.RevisionAfter)}): the deployment runs what it ran before.")
        { Result = result };
    }

    private static string Show(long? revision) => revision?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
