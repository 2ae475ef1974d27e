using Deploy.Kubernetes.Cluster;
using Deploy.Kubernetes.Rollout;
using Serilog;

namespace Deploy.Kubernetes;

/// <summary>
/// Rolls a new image out to a Kubernetes Deployment: <c>kubectl set image</c> + <c>kubectl rollout status</c> +
/// (on failure) <c>kubectl rollout undo</c>, in-process over the Kubernetes API.
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
            return await new RolloutRun(request, api, connection.Description, log).RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            log.Warning("Stopped following the rollout of deployment {Deployment:l}; the cluster carries on with it", request.Deployment);

            // Linked tokens inside; the caller gets its own token back, as SimpleExec and CliWrap do.
            throw new OperationCanceledException(exception.Message, exception, cancellationToken);
        }
    }
}
