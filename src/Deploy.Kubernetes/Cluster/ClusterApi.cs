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
internal sealed partial class ClusterApi : IDisposable
{
    private readonly ApiClient _client;
    private readonly string _server;
    private readonly bool _owner;

    public ClusterApi(ClusterConnection connection)
        : this(new ApiClient(connection.Configuration), connection.Description, connection.Namespace, owner: true)
    {
    }

    private ClusterApi(ApiClient client, string server, string @namespace, bool owner)
    {
        _client = client;
        _server = server;
        Namespace = @namespace;
        _owner = owner;
    }

    public string Namespace { get; }

    /// <summary>The same connection working in <paramref name="namespace"/>; disposing it leaves the connection open.</summary>
    public ClusterApi In(string @namespace) => @namespace == Namespace && !_owner ? this : new ClusterApi(_client, _server, @namespace, owner: false);

    public void Dispose()
    {
        if (_owner)
        {
            _client.Dispose();
        }
    }

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
        HttpStatusCode.Forbidden => "Grant the kubeconfig's user what a rollout needs: get, list, watch and patch on the workloads (and create and delete on every kind --manifests applies), get, list, watch on replicasets, controllerrevisions and pods.",
        HttpStatusCode.Conflict => "Someone else changed the object at the same time; run again.",
        _ => "Check the request and the cluster's state.",
    };
}
