using Deploy.Kubernetes.Cluster;
using k8s.Models;
using Serilog;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// <c>kubectl rollout undo statefulset|daemonset --to-revision=N</c> (kubectl: polymorphichelpers/rollback.go,
/// StatefulSetRollbacker and DaemonSetRollbacker): the strategic merge patch revision N holds, skipped when the
/// template already is that one. For a StatefulSet it then deletes the pods of the failed revision that are not
/// ready: with the default OrderedReady policy the controller waits for a broken pod forever instead of replacing
/// it (kubernetes.io/docs/concepts/workloads/controllers/statefulset/#forced-rollback).
/// </summary>
internal static class ControllerRevisionRollback
{
    public static async Task<RollbackOutcome> ToRevisionAsync(ClusterApi api, Workload workload, long revision, ILogger log, CancellationToken cancellationToken)
    {
        var (selector, metadata, template, failedRevision) = workload.Kind == WorkloadKind.StatefulSet
            ? await ReadStatefulSetAsync(api, workload, cancellationToken).ConfigureAwait(false)
            : await ReadDaemonSetAsync(api, workload, cancellationToken).ConfigureAwait(false);
        var revisions = await ControllerRevisions.OwnedAsync(api, selector, metadata, cancellationToken).ConfigureAwait(false);
        var target = revisions.FirstOrDefault(r => r.Revision == revision)
            ?? throw new RolloutFailedException($"no controller revision of {workload} has revision {revision} any more (see spec.revisionHistoryLimit)");
        if (ControllerRevisions.Holding([target], template) is not null)
        {
            return new RollbackOutcome(Skipped: true);
        }

        var patch = ControllerRevisions.DataOf(target) ?? throw new RolloutFailedException($"controller revision \"{target.Metadata.Name}\" of {workload} holds no template");
        if (workload.Kind == WorkloadKind.StatefulSet)
        {
            await api.PatchStatefulSetAsync(workload.Name, patch, cancellationToken).ConfigureAwait(false);
            if (failedRevision is not null && failedRevision != target.Metadata.Name)
            {
                await DeleteBrokenPodsAsync(api, workload, selector, failedRevision, log, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await api.PatchDaemonSetAsync(workload.Name, patch, cancellationToken).ConfigureAwait(false);
        }

        return new RollbackOutcome(Skipped: false);
    }

    private static async Task DeleteBrokenPodsAsync(ClusterApi api, Workload workload, V1LabelSelector selector, string failedRevision, ILogger log, CancellationToken cancellationToken)
    {
        var pods = await api.ListPodsAsync(LabelSelectors.Of(selector, (ControllerRevisions.HashLabel, failedRevision)), cancellationToken).ConfigureAwait(false);
        foreach (var pod in pods.Items.Where(p => p.Metadata.DeletionTimestamp is null && !IsReady(p)))
        {
            log.Warning(
                "Deleting pod {Pod:l} of the failed revision {Revision:l} of {Workload:l}: it is not ready, and a StatefulSet does not replace such a pod by itself",
                pod.Metadata.Name, failedRevision, workload.ToString());
            await api.DeletePodAsync(pod.Metadata.Name, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsReady(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static async Task<(V1LabelSelector, V1ObjectMeta, V1PodTemplateSpec, string?)> ReadStatefulSetAsync(ClusterApi api, Workload workload, CancellationToken cancellationToken)
    {
        var set = await api.ReadStatefulSetAsync(workload.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new RolloutFailedException($"{workload} no longer exists");
        return (set.Spec.Selector, set.Metadata, set.Spec.Template, set.Status?.UpdateRevision);
    }

    private static async Task<(V1LabelSelector, V1ObjectMeta, V1PodTemplateSpec, string?)> ReadDaemonSetAsync(ClusterApi api, Workload workload, CancellationToken cancellationToken)
    {
        var daemon = await api.ReadDaemonSetAsync(workload.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new RolloutFailedException($"{workload} no longer exists");
        return (daemon.Spec.Selector, daemon.Metadata, daemon.Spec.Template, null);
    }
}
