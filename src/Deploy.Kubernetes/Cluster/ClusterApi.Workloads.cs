using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Deploy.Kubernetes.Cluster;

/// <summary>The typed calls for StatefulSets and DaemonSets, their ControllerRevisions, and pods.</summary>
internal sealed partial class ClusterApi
{
    public Task<V1StatefulSet?> ReadStatefulSetAsync(string name, CancellationToken cancellationToken) =>
        ReadOrNullAsync($"read statefulset \"{name}\"", () => _client.AppsV1.ReadNamespacedStatefulSetAsync(name, Namespace, cancellationToken: cancellationToken));

    public Task<V1StatefulSetList> ListStatefulSetsAsync(string name, CancellationToken cancellationToken) =>
        CallAsync($"list statefulset \"{name}\"", () =>
            _client.AppsV1.ListNamespacedStatefulSetAsync(Namespace, fieldSelector: $"metadata.name={name}", cancellationToken: cancellationToken));

    public IAsyncEnumerable<(WatchEventType Type, V1StatefulSet Object)> WatchStatefulSetsAsync(string name, string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        _client.AppsV1.WatchListNamespacedStatefulSetAsync(
            Namespace, allowWatchBookmarks: true, fieldSelector: $"metadata.name={name}", resourceVersion: resourceVersion,
            timeoutSeconds: WatchSeconds, onError: onError, cancellationToken: cancellationToken);

    public Task<V1StatefulSet> PatchStatefulSetAsync(string name, JsonNode patch, CancellationToken cancellationToken) =>
        CallAsync($"patch statefulset \"{name}\"", () =>
            _client.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), name, Namespace, fieldManager: FieldManager, cancellationToken: cancellationToken));

    public Task<V1DaemonSet?> ReadDaemonSetAsync(string name, CancellationToken cancellationToken) =>
        ReadOrNullAsync($"read daemonset \"{name}\"", () => _client.AppsV1.ReadNamespacedDaemonSetAsync(name, Namespace, cancellationToken: cancellationToken));

    public Task<V1DaemonSetList> ListDaemonSetsAsync(string name, CancellationToken cancellationToken) =>
        CallAsync($"list daemonset \"{name}\"", () =>
            _client.AppsV1.ListNamespacedDaemonSetAsync(Namespace, fieldSelector: $"metadata.name={name}", cancellationToken: cancellationToken));

    public IAsyncEnumerable<(WatchEventType Type, V1DaemonSet Object)> WatchDaemonSetsAsync(string name, string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        _client.AppsV1.WatchListNamespacedDaemonSetAsync(
            Namespace, allowWatchBookmarks: true, fieldSelector: $"metadata.name={name}", resourceVersion: resourceVersion,
            timeoutSeconds: WatchSeconds, onError: onError, cancellationToken: cancellationToken);

    public Task<V1DaemonSet> PatchDaemonSetAsync(string name, JsonNode patch, CancellationToken cancellationToken) =>
        CallAsync($"patch daemonset \"{name}\"", () =>
            _client.AppsV1.PatchNamespacedDaemonSetAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), name, Namespace, fieldManager: FieldManager, cancellationToken: cancellationToken));

    public Task<V1ControllerRevisionList> ListControllerRevisionsAsync(string labelSelector, CancellationToken cancellationToken) =>
        CallAsync($"list the controller revisions matching \"{labelSelector}\"", () =>
            _client.AppsV1.ListNamespacedControllerRevisionAsync(Namespace, labelSelector: labelSelector, cancellationToken: cancellationToken));

    public Task DeletePodAsync(string name, CancellationToken cancellationToken) =>
        CallAsync<object?>($"delete pod \"{name}\"", async () =>
        {
            try
            {
                await _client.CoreV1.DeleteNamespacedPodAsync(name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
            {
            }

            return null;
        });

    private Task<T?> ReadOrNullAsync<T>(string what, Func<Task<T>> read)
        where T : class =>
        CallAsync<T?>(what, async () =>
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (HttpOperationException exception) when (exception.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });
}
