using Deploy.Kubernetes.Cluster;
using k8s;
using k8s.Models;
using Serilog;

namespace Deploy.Kubernetes.Rollout;

/// <summary>A DaemonSet: <see cref="DaemonSetStatus"/>; its new pods carry the hash of its newest ControllerRevision.</summary>
internal sealed class DaemonSetTracker(ClusterApi api, Workload workload, TimeProvider time, ILogger log)
    : TypedWorkloadTracker<V1DaemonSet>(api, workload, time, log)
{
    protected override async Task<(IList<V1DaemonSet> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var list = await Api.ListDaemonSetsAsync(Workload.Name, cancellationToken).ConfigureAwait(false);
        return (list.Items, list.Metadata.ResourceVersion);
    }

    protected override IAsyncEnumerable<(WatchEventType Type, V1DaemonSet Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        Api.WatchDaemonSetsAsync(Workload.Name, resourceVersion, onError, cancellationToken);

    protected override RolloutStatus StatusOf(V1DaemonSet workload) => DaemonSetStatus.Of(workload);

    protected override bool IsObserved(V1DaemonSet workload) => DaemonSetStatus.IsObserved(workload);

    protected override async Task<(string Selector, string Owner)?> NewPodsAsync(V1DaemonSet workload, CancellationToken cancellationToken)
    {
        // Once the controller observed the spec, the current template's revision is the newest (a reused one is renumbered).
        var revisions = await ControllerRevisions.OwnedAsync(Api, workload.Spec.Selector, workload.Metadata, cancellationToken).ConfigureAwait(false);
        var current = revisions.MaxBy(r => r.Revision);
        return current?.Metadata.Labels?.TryGetValue(ControllerRevisions.HashLabel, out var hash) == true
            ? (LabelSelectors.Of(workload.Spec.Selector, (ControllerRevisions.HashLabel, hash)), $"revision \"{current.Metadata.Name}\" of {Workload}")
            : null;
    }
}
