using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Deploy.Kubernetes.Cluster;

/// <summary>
/// The few API calls a rollout makes, over KubernetesClient, with its failures turned into sentences that say which
/// call failed against which server. A 404 on a read is an answer (null), not an error.
/// </summary>
internal sealed class ClusterApi : IDisposable
{
    private readonly k8s.Kubernetes _client;
    private readonly string _server;

    public ClusterApi(ClusterConnection connection)
    {
        _client = new k8s.Kubernetes(connection.Configuration);
        _server = connection.Description;
        Namespace = connection.Namespace;
    }

    public string Namespace { get; }

    public void Dispose() => _client.Dispose();

    public Task<V1Deployment?> ReadDeploymentAsync(string name, CancellationToken cancellationToken) =>
        CallAsync<V1Deployment?>($"read deployment \"{name}\"", async () =>
        {
            try
            {
                return await _client.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    public Task<V1Deployment> PatchDeploymentAsync(string name, JsonNode patch, V1Patch.PatchType patchType, CancellationToken cancellationToken) =>
        CallAsync($"patch deployment \"{name}\"", () =>
            _client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), patchType), name, Namespace, fieldManager: "deploy", cancellationToken: cancellationToken));

    public Task<V1ReplicaSetList> ListReplicaSetsAsync(string labelSelector, CancellationToken cancellationToken) =>
        CallAsync($"list the replica sets matching \"{labelSelector}\"", () =>
            _client.AppsV1.ListNamespacedReplicaSetAsync(Namespace, labelSelector: labelSelector, cancellationToken: cancellationToken));

    public Task<V1DeploymentList> ListDeploymentsAsync(string name, CancellationToken cancellationToken) =>
        CallAsync($"list deployment \"{name}\"", () =>
            _client.AppsV1.ListNamespacedDeploymentAsync(Namespace, fieldSelector: $"metadata.name={name}", cancellationToken: cancellationToken));

    public IAsyncEnumerable<(WatchEventType Type, V1Deployment Object)> WatchDeploymentsAsync(string name, string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        _client.AppsV1.WatchListNamespacedDeploymentAsync(
            Namespace, allowWatchBookmarks: true, fieldSelector: $"metadata.name={name}", resourceVersion: resourceVersion,
            timeoutSeconds: WatchSeconds, onError: onError, cancellationToken: cancellationToken);

    public Task<V1PodList> ListPodsAsync(string labelSelector, CancellationToken cancellationToken) =>
        CallAsync($"list the pods matching \"{labelSelector}\"", () =>
            _client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: labelSelector, cancellationToken: cancellationToken));

    public IAsyncEnumerable<(WatchEventType Type, V1Pod Object)> WatchPodsAsync(string labelSelector, string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        _client.CoreV1.WatchListNamespacedPodAsync(
            Namespace, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion,
            timeoutSeconds: WatchSeconds, onError: onError, cancellationToken: cancellationToken);

    /// <summary>A failure of <paramref name="what"/> as a sentence; cancellation passes through untouched.</summary>
    public KubernetesRolloutException Explain(string what, Exception exception) => exception switch
    {
        HttpOperationException http => new KubernetesRolloutException(
            $"The API server ({_server}) refused to {what} in namespace \"{Namespace}\": {(int)http.Response.StatusCode} {StatusMessage(http)}. {Advice(http.Response.StatusCode)}",
            exception),
        _ => new KubernetesRolloutException(
            $"Could not {what} in namespace \"{Namespace}\": the API server ({_server}) was not reachable ({exception.Message.TrimEnd('.')}). Check the kubeconfig's server address and that the cluster is up.",
            exception),
    };

    // Watches end on the server's side after this long, and are resumed from the last resourceVersion; client-go
    // picks a similar 5-10 minutes so that no proxy's idle timeout cuts a quiet watch first.
    private const int WatchSeconds = 290;

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpOperationException or HttpRequestException or IOException or TimeoutException)
        {
            throw Explain(what, exception);
        }
    }

    private static string StatusMessage(HttpOperationException exception)
    {
        var body = exception.Response.Content;
        try
        {
            if (!string.IsNullOrEmpty(body) && JsonNode.Parse(body)?["message"]?.GetValue<string>() is { } message)
            {
                return message;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return exception.Response.ReasonPhrase ?? "error";
    }

    private static string Advice(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Check the credentials of the kubeconfig's user.",
        HttpStatusCode.Forbidden => "Grant the user get, list, watch and patch on deployments and get, list, watch on replicasets and pods.",
        HttpStatusCode.Conflict => "Someone else changed the deployment at the same time; run again.",
        _ => "Check the request and the cluster's state.",
    };
}
