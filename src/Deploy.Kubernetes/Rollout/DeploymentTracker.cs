using Deploy.Kubernetes.Cluster;
using k8s;
using k8s.Models;
using Serilog;

namespace Deploy.Kubernetes.Rollout;

/// <summary>A Deployment: <see cref="RolloutStatus"/>; its new pods are those of the ReplicaSet with the current template.</summary>
internal sealed class DeploymentTracker(ClusterApi api, Workload workload, TimeProvider time, ILogger log)
    : TypedWorkloadTracker<V1Deployment>(api, workload, time, log)
{
    protected override async Task<(IList<V1Deployment> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var list = await Api.ListDeploymentsAsync(Workload.Name, cancellationToken).ConfigureAwait(false);
        return (list.Items, list.Metadata.ResourceVersion);
    }

    protected override IAsyncEnumerable<(WatchEventType Type, V1Deployment Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken) =>
        Api.WatchDeploymentsAsync(Workload.Name, resourceVersion, onError, cancellationToken);

    protected override RolloutStatus StatusOf(V1Deployment workload) => RolloutStatus.Of(workload);

    protected override bool IsObserved(V1Deployment workload) => RolloutStatus.IsObserved(workload);

    protected override async Task<(string Selector, string Owner)?> NewPodsAsync(V1Deployment workload, CancellationToken cancellationToken)
    {
        var replicaSets = await Api.ListReplicaSetsAsync(LabelSelectors.Of(workload.Spec.Selector), cancellationToken).ConfigureAwait(false);
        var current = replicaSets.Items.FirstOrDefault(rs => Revisions.IsOwnedBy(rs, workload) && Revisions.SameTemplate(rs.Spec.Template, workload.Spec.Template));
        string? hash = null;
        _ = current?.Metadata.Labels?.TryGetValue(Revisions.HashLabel, out hash);
        return hash is null ? null : (LabelSelectors.Of(workload.Spec.Selector, (Revisions.HashLabel, hash)), $"replica set \"{current!.Metadata.Name}\"");
    }
}
