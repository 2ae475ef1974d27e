using Deploy.Kubernetes.Cluster;
using Serilog;

namespace Deploy.Kubernetes.Rollout;

/// <summary>A workload's revisions, whatever its kind: which one runs now, and going back to an earlier one.</summary>
internal static class WorkloadHistory
{
    /// <summary>
    /// The revision of the workload's current template: a Deployment's <c>deployment.kubernetes.io/revision</c>; for
    /// a StatefulSet or DaemonSet the ControllerRevision holding its template. Null when the controller has not made one.
    /// </summary>
    public static async Task<long?> CurrentAsync(ClusterApi api, Workload workload, CancellationToken cancellationToken)
    {
        api = api.In(workload.Namespace);
        switch (workload.Kind)
        {
            case WorkloadKind.StatefulSet:
                var set = await api.ReadStatefulSetAsync(workload.Name, cancellationToken).ConfigureAwait(false);
                return set is null ? null : ControllerRevisions.Holding(await ControllerRevisions.OwnedAsync(api, set.Spec.Selector, set.Metadata, cancellationToken).ConfigureAwait(false), set.Spec.Template)?.Revision;
            case WorkloadKind.DaemonSet:
                var daemon = await api.ReadDaemonSetAsync(workload.Name, cancellationToken).ConfigureAwait(false);
                return daemon is null ? null : ControllerRevisions.Holding(await ControllerRevisions.OwnedAsync(api, daemon.Spec.Selector, daemon.Metadata, cancellationToken).ConfigureAwait(false), daemon.Spec.Template)?.Revision;
            default:
                var deployment = await api.ReadDeploymentAsync(workload.Name, cancellationToken).ConfigureAwait(false);
                return deployment is null ? null : Revisions.Of(deployment.Metadata);
        }
    }

    /// <summary>Puts revision <paramref name="revision"/>'s template back, as <c>kubectl rollout undo --to-revision</c>.</summary>
    public static Task<RollbackOutcome> RollBackAsync(ClusterApi api, Workload workload, long revision, ILogger log, CancellationToken cancellationToken) =>
        workload.Kind == WorkloadKind.Deployment
            ? Rollback.ToRevisionAsync(api.In(workload.Namespace), workload.Name, revision, cancellationToken)
            : ControllerRevisionRollback.ToRevisionAsync(api.In(workload.Namespace), workload, revision, log, cancellationToken);
}
