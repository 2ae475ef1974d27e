using Deploy.Docker;
using Deploy.Kubernetes;

namespace Deploy.Rollout.Verify;

/// <summary>
/// The Verify target's work: evaluates the gates against what Rollout deployed; when one fails or the run is cancelled
/// meanwhile, rolls the rollout back exactly as a failed rollout does (Docker: the previous container; Kubernetes:
/// undo of every workload), and when all pass, lets go of the previous Docker container Rollout kept for this.
/// </summary>
internal static class VerifyRunner
{
    /// <summary>How long putting the previous version back may take after a cancellation (the target's own token is gone then).</summary>
    private static readonly TimeSpan RollBackLimit = TimeSpan.FromMinutes(5);

    public static async Task<VerifyOutcome> RunAsync(IVerify build, CancellationToken cancellationToken)
    {
        var gates = VerifyGates.Of(build);
        if (VerifyChecks.Problems(gates) is [_, ..] problems)
        {
            throw new VerifyException(string.Join('\n', problems));
        }

        var deployed = build.Deployed
            ?? throw new VerifyException("There is nothing to verify: the Rollout target has not deployed anything in this run. Run Rollout (it triggers Verify when a gate is given), and do not --skip it.");
        var state = VerifyState.Of(build);
        VerifyOutcome outcome;
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            outcome = await new GateEvaluator(gates, http, build.Time, build.Log).EvaluateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            build.Log.Warning("Verification was cancelled before the gates passed: rolling back {Where:l}", deployed.Where);
            state.RolledBackTo = await RollBackAsync(build, deployed, "Verification was cancelled.").ConfigureAwait(false);
            throw;
        }

        state.Outcome = outcome;
        if (outcome.Failure is { } failure)
        {
            var what = $"The gate {failure.Gate} failed at {outcome.At:O} (evaluation {outcome.Evaluations} of {gates.Evaluations}): the value was {failure.Value}.";
            build.Log.Error("{What:l} Rolling back {Where:l}", what, deployed.Where);
            state.RolledBackTo = await RollBackAsync(build, deployed, what).ConfigureAwait(false);
            throw new VerifyException($"{what} {Restored(state.RolledBackTo)}");
        }

        build.Log.Information("Every gate passed {Evaluations} evaluations over {For}: keeping {Reference}", outcome.Evaluations, gates.For, deployed.Reference);
        if (deployed.Docker is { PreviousContainerId: not null } docker)
        {
            // The previous version was kept only for this gate (see IRollout.KeepPreviousVersion).
            var kept = await DockerRollout.RemovePreviousAsync(DockerBackend.Request(build, deployed.Reference), docker, build.Log, cancellationToken).ConfigureAwait(false);
            RolloutState.Of(build).Deployed = deployed with { Docker = kept };
        }

        return outcome;
    }

    /// <summary>Rolls back whatever the token says (a Ctrl+C must not leave the bad version serving), bounded.</summary>
    private static async Task<Deployed> RollBackAsync(IVerify build, Deployed deployed, string why)
    {
        // A Kubernetes undo waits for the workloads the way the rollout did: give it the rollout's time when that is longer.
        var timeout = build.RolloutTimeout > RollBackLimit && build.RolloutTimeout < TimeSpan.FromDays(1) ? build.RolloutTimeout : RollBackLimit;
        using var limit = new CancellationTokenSource(timeout, build.Time);
        try
        {
            var back = await RolloutRunner.RollBackAsync(build, deployed, limit.Token).ConfigureAwait(false);
            RolloutState.Of(build).Deployed = back;
            return back;
        }
        catch (Exception e) when (e is DockerRolloutException or KubernetesRolloutException or OperationCanceledException)
        {
            throw new VerifyException($"{why} Rolling back {deployed.Where} FAILED: {e.Message}", e);
        }
    }

    private static string Restored(Deployed back) => back.Target switch
    {
        RolloutTarget.Kubernetes => $"Rolled back {back.Where} (revisions now {back.RevisionAfter ?? "as before"}).",
        _ when back.Docker?.PreviousImageId is { } previous => $"Rolled back '{back.Where}': the previous version ({Short(previous)}) serves again.",
        _ => $"Rolled back '{back.Where}': the new version is removed, and no version runs (there was none before).",
    };

    private static string Short(string imageId) => imageId.StartsWith("sha256:", StringComparison.Ordinal) && imageId.Length > 19 ? imageId[..19] : imageId;
}
