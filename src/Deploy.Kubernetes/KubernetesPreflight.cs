using Deploy.Kubernetes.Cluster;

namespace Deploy.Kubernetes;

/// <summary>
/// The quick check a build runs as it starts, before anything is compiled: the kubeconfig and context resolve, the
/// API server answers with these credentials, and (setting one Deployment's image) the Deployment exists. It changes nothing.
/// </summary>
public static class KubernetesPreflight
{
    /// <summary>Throws a <see cref="KubernetesRolloutException"/> saying what to fix when the rollout could not even start.</summary>
    /// <param name="request">The rollout's request; its image is not looked at (it may not exist yet).</param>
    /// <param name="cancellationToken">Bounds the check.</param>
    public static Task CheckAsync(KubernetesRolloutRequest request, CancellationToken cancellationToken = default) =>
        CheckAsync(request, name => request?.EnvironmentVariables.GetValueOrDefault(name), cancellationToken);

    internal static async Task CheckAsync(KubernetesRolloutRequest request, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connection = ClusterConnection.Resolve(request.Kubeconfig, request.KubeContext, request.Namespace, environment);
        using var api = new ClusterApi(connection);
        if (request.Deployment is not { } deployment)
        {
            // --manifests: what is applied may not exist yet; the server must answer these credentials.
            if (await api.DiscoverAsync("apps/v1", cancellationToken).ConfigureAwait(false) is null)
            {
                throw new KubernetesRolloutException($"The API server ({connection.Description}) does not serve apps/v1, so it cannot run Deployments, StatefulSets or DaemonSets: check --kube-context and the kubeconfig.");
            }

            return;
        }

        if (await api.ReadDeploymentAsync(deployment, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new KubernetesRolloutException(NotFound(deployment, api.Namespace, connection.Description));
        }
    }

    /// <summary>The message for a Deployment that is not there, the same from the preflight and from the rollout.</summary>
    internal static string NotFound(string deployment, string @namespace, string where) =>
        $"Deployment \"{deployment}\" was not found in namespace \"{@namespace}\" ({where}): check --deployment and --namespace (default: the context's namespace), and that the Deployment was created.";
}
