using Deploy.Kubernetes.Cluster;
using k8s;
using k8s.Models;
using Serilog;

namespace Deploy.Kubernetes.Rollout;

/// <summary>A StatefulSet: <see cref="StatefulSetStatus"/>; its new pods carry <c>controller-revision-hash</c> = <c>status.updateRevision</c>.</summary>
internal sealed class StatefulSetTracker(ClusterApi api, Workload workload, TimeProvider time, ILogger log)
    : TypedWorkloadTracker<V1StatefulSet>(api, workload, time, log)
{
    protected override async Task<(IList<V1StatefulSet> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var list = await Api.ListStatefulSetsAsync(Workload.Name, cancellationToken).ConfigureAwait(false);
        return (list.Items, list.Metadata.ResourceVersion);
    }

    protected override IAsyncEnumerable<(WatchEventType Type, V1StatefulSet Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        Api.WatchStatefulSetsAsync(Workload.Name, resourceVersion, onError, cancellationToken);

    protected override RolloutStatus StatusOf(V1StatefulSet workload) => StatefulSetStatus.Of(workload);

    protected override bool IsObserved(V1StatefulSet workload) => StatefulSetStatus.IsObserved(workload);

    protected override Task<(string Selector, string Owner)?> NewPodsAsync(V1StatefulSet workload, CancellationToken cancellationToken) =>
        Task.FromResult<(string, string)?>(workload.Status?.UpdateRevision is { Length: > 0 } revision
            ? (LabelSelectors.Of(workload.Spec.Selector, (ControllerRevisions.HashLabel, revision)), $"revision \"{revision}\" of {Workload}")
            : null);
}
