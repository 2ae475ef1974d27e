using Deploy.Kubernetes.Apply;
using Deploy.Kubernetes.Cluster;
using Deploy.Kubernetes.Rollout;
using Serilog;

namespace Deploy.Kubernetes;

/// <summary>
/// Rolls a new image out to Kubernetes, in-process over the Kubernetes API: to one Deployment (<c>kubectl set image</c>),
/// or by applying manifests (<c>kubectl apply --server-side</c> after a server-side dry run); then
/// <c>kubectl rollout status</c> for every workload and, on failure, <c>kubectl rollout undo</c>.
/// </summary>
public static class KubernetesRollout
{
    /// <summary>
    /// Validates <paramref name="request"/>, connects, checks that the Deployment exists, has the container and is
    /// not paused (otherwise throws and changes nothing), sets the container's image and change-cause, and follows
    /// the rollout with watches, logging each new <c>kubectl rollout status</c> message once. On failure (progress
    /// deadline, a broken new pod, or <see cref="KubernetesRolloutRequest.Timeout"/>) it rolls back to the revision
    /// that ran before (unless <see cref="KubernetesRolloutRequest.Rollback"/> is off), waits for that, and throws a
    /// <see cref="KubernetesRolloutException"/> whose <see cref="KubernetesRolloutException.Result"/> tells the revisions.
    /// Cancelling stops following the rollout; the cluster carries on with it.
    /// </summary>
    public static Task<KubernetesRolloutResult> RunAsync(KubernetesRolloutRequest request, ILogger log, CancellationToken cancellationToken = default) =>
        RunAsync(request, log, name => request?.EnvironmentVariables.GetValueOrDefault(name), cancellationToken);

    internal static async Task<KubernetesRolloutResult> RunAsync(KubernetesRolloutRequest request, ILogger log, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        KubernetesRolloutValidation.ThrowIfInvalid(request);
        var connection = ClusterConnection.Resolve(request.Kubeconfig, request.KubeContext, request.Namespace, environment);
        using var api = new ClusterApi(connection);
        try
        {
            return request.Manifests.Count > 0
                ? await new ApplyRun(request, api, log).RunAsync(cancellationToken).ConfigureAwait(false)
                : await new RolloutRun(request, api, connection.Description, log).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            if (request.Manifests.Count > 0)
            {
                log.Warning("Stopped following the rollout of the manifests; the cluster carries on with what was applied");
            }
            else
            {
                log.Warning("Stopped following the rollout of deployment {Deployment:l}; the cluster carries on with it", request.Deployment);
            }

            // Linked tokens inside; the caller gets its own token back, as SimpleExec and CliWrap do.
            throw new OperationCanceledException(exception.Message, exception, cancellationToken);
        }
    }

    /// <summary>
    /// Undoes a rollout that succeeded, for a later step that found the new version bad (a verification gate): every
    /// workload of <paramref name="result"/> that existed before and was changed goes back to its revision before, like
    /// <c>kubectl rollout undo</c>, and the rollbacks are followed under <see cref="KubernetesRolloutRequest.Timeout"/>;
    /// objects the rollout created are deleted when <see cref="KubernetesRolloutRequest.DeleteCreatedOnFailure"/> is set,
    /// and left (listed) otherwise. Returns <paramref name="result"/> with <see cref="KubernetesRolloutResult.RolledBack"/>
    /// and each object's <see cref="AppliedObject.State"/>; throws a <see cref="KubernetesRolloutException"/> (with that
    /// result) when a rollback fails. <paramref name="request"/> is the one the rollout ran with (its kubeconfig and namespace).
    /// </summary>
    public static Task<KubernetesRolloutResult> RollBackAsync(KubernetesRolloutRequest request, KubernetesRolloutResult result, ILogger log, CancellationToken cancellationToken = default) =>
        RollBackAsync(request, result, log, name => request?.EnvironmentVariables.GetValueOrDefault(name), cancellationToken);

    internal static async Task<KubernetesRolloutResult> RollBackAsync(
        KubernetesRolloutRequest request, KubernetesRolloutResult result, ILogger log, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(log);
        if (result.DryRun)
        {
            return result;
        }

        var connection = ClusterConnection.Resolve(request.Kubeconfig, request.KubeContext, request.Namespace, environment);
        using var api = new ClusterApi(connection);
        var setImage = result.Applied.Count == 0;
        IReadOnlyList<AppliedObject> objects = setImage
            ? [new AppliedObject
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Namespace = result.Namespace,
                Name = result.Deployment,
                Source = "--deployment",
                Change = result.RevisionBefore == result.RevisionAfter ? AppliedChange.Unchanged : AppliedChange.Configured,
                RevisionBefore = result.RevisionBefore,
                RevisionAfter = result.RevisionAfter,
            }]
            : [.. result.Applied.Select(o => o with { State = null })];
        var undo = await Undo.RunAsync(api, new ResourceCatalog(api), request with { Rollback = true }, objects, log, cancellationToken).ConfigureAwait(false);
        var rolledBack = result with
        {
            Applied = setImage ? [] : undo.Objects,
            RolledBack = undo.RolledBack,
            RevisionAfter = setImage ? undo.Objects[0].RevisionAfter ?? result.RevisionAfter : result.RevisionAfter,
        };
        return undo.Failure is null
            ? rolledBack
            : throw new KubernetesRolloutException($"Rolling back the rollout of {result.Reference} failed: {undo.Failure}. {undo.Summary}") { Result = rolledBack };
    }
}
