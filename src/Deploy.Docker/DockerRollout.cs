using Deploy.Docker.Engine;
using Deploy.Docker.Rollout;
using Serilog;

namespace Deploy.Docker;

/// <summary>
/// Rolls a new image out to a service's container on a Docker engine, over the Engine API: the running version is
/// stopped and parked as <c>NAME-previous</c>, the new one started as <c>NAME</c> and given the timeout to prove
/// itself healthy (it runs, has not restarted, answers the health check several times in a row, and with host
/// networking holds its port alone); only then is the previous one removed (or kept, see
/// <see cref="DockerRolloutRequest.KeepPrevious"/>). A failure, a timeout or cancelling puts the previous version back.
/// </summary>
public static class DockerRollout
{
    /// <summary>The problems with <paramref name="request"/>, each a whole sentence naming the value and the fix; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(DockerRolloutRequest request) => RequestChecks.Problems(request);

    /// <summary>
    /// The quick check a build runs as it starts: the engine at <see cref="DockerRolloutRequest.DockerHost"/> answers.
    /// Changes nothing; throws a <see cref="DockerEngineUnreachableException"/> saying what to fix.
    /// </summary>
    public static Task PreflightAsync(DockerRolloutRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return DockerEngine.PingAsync(request.DockerHost, request.EnvironmentVariables, cancellationToken);
    }

    /// <summary>
    /// Validates <paramref name="request"/> (throwing a <see cref="DockerRolloutException"/> with every problem, nothing
    /// changed), pulls the image when the engine lacks it, and replaces the running version. On failure it puts the
    /// previous version back and throws a <see cref="DockerRolloutException"/> that says so
    /// (<see cref="DockerRolloutException.PreviousVersionRestored"/>) with the last lines of the new container's log;
    /// cancelling does the same and throws an <see cref="OperationCanceledException"/> carrying
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    public static async Task<DockerRolloutResult> RunAsync(DockerRolloutRequest request, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Image);
        if (Validate(request) is [_, ..] problems)
        {
            throw new DockerRolloutException(string.Join('\n', problems)) { PreviousVersionRestored = true };
        }

        return await OnEngineAsync(request, log, run => run.RunAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Undoes a rollout that succeeded, for a later step that found the new version bad (a verification gate): the new
    /// container is stopped and removed, and the previous version <see cref="RunAsync"/> kept
    /// (<see cref="DockerRolloutRequest.KeepPrevious"/>) runs again under the service's name; with no previous version
    /// nothing runs afterwards. Returns <paramref name="result"/> with <see cref="DockerRolloutResult.RolledBack"/>. Throws
    /// a <see cref="DockerRolloutException"/>, nothing changed, when the containers are no longer the ones
    /// <paramref name="result"/> names or the previous version was not kept. <paramref name="request"/> is the one the
    /// rollout ran with (its name and engine).
    /// </summary>
    public static async Task<DockerRolloutResult> RollBackAsync(DockerRolloutRequest request, DockerRolloutResult result, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(log);
        return await OnEngineAsync(request, log, run => run.RollBackAsync(request, result, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the previous version a rollout kept (<see cref="DockerRolloutResult.PreviousContainerId"/>) once the new
    /// version is accepted; returns <paramref name="result"/> without it. Nothing to do when none was kept.
    /// </summary>
    public static async Task<DockerRolloutResult> RemovePreviousAsync(DockerRolloutRequest request, DockerRolloutResult result, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(log);
        if (result.PreviousContainerId is null)
        {
            return result;
        }

        return await OnEngineAsync(request, log, run => run.RemovePreviousAsync(request, result, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> against the request's engine; a cancellation names the caller's token, not whichever linked token a library threw with.</summary>
    private static async Task<DockerRolloutResult> OnEngineAsync(
        DockerRolloutRequest request, ILogger log, Func<RolloutRun, Task<DockerRolloutResult>> work, CancellationToken cancellationToken)
    {
        try
        {
            using var docker = await DockerEngine.ConnectAsync(request.DockerHost, request.EnvironmentVariables, cancellationToken).ConfigureAwait(false);
            return await work(new RolloutRun(docker, log, request.TimeProvider)).ConfigureAwait(false);
        }
        catch (OperationCanceledException cancelled) when (cancellationToken.IsCancellationRequested && cancelled.CancellationToken != cancellationToken)
        {
            throw new OperationCanceledException(cancelled.Message, cancelled, cancellationToken);
        }
    }
}
