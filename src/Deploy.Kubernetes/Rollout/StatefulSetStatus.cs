using k8s.Models;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// Where a StatefulSet's rollout stands, by <c>kubectl rollout status</c>'s rules and in its words (kubectl:
/// staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go, StatefulSetStatusViewer.Status). The API
/// server defaults <c>rollingUpdate.partition</c> to 0, so on a real cluster a finished rollout reads
/// "partitioned roll out complete: N new pods have been updated...".
/// </summary>
internal static class StatefulSetStatus
{
    public static bool IsRollingUpdate(V1StatefulSet set) => (set.Spec.UpdateStrategy?.Type ?? "RollingUpdate") == "RollingUpdate";

    public static bool IsObserved(V1StatefulSet set) =>
        (set.Status?.ObservedGeneration ?? 0) != 0 && (set.Metadata.Generation ?? 0) <= set.Status!.ObservedGeneration;

    public static RolloutStatus Of(V1StatefulSet set)
    {
        if (!IsRollingUpdate(set))
        {
            return new RolloutStatus($"statefulset \"{set.Metadata.Name}\" has the {set.Spec.UpdateStrategy!.Type} update strategy: its pods change only when they are deleted, so there is no rollout to wait for", Done: true, Failed: false);
        }

        if (!IsObserved(set))
        {
            return new RolloutStatus("Waiting for statefulset spec update to be observed...", Done: false, Failed: false);
        }

        var status = set.Status!;
        var ready = status.ReadyReplicas ?? 0;
        if (set.Spec.Replicas is { } replicas && ready < replicas)
        {
            return new RolloutStatus($"Waiting for {replicas - ready} pods to be ready...", Done: false, Failed: false);
        }

        if (set.Spec.UpdateStrategy?.RollingUpdate is { } rolling)
        {
            var updated = status.UpdatedReplicas ?? 0;
            if (set.Spec.Replicas is { } wanted && rolling.Partition is { } partition && updated < wanted - partition)
            {
                return new RolloutStatus($"Waiting for partitioned roll out to finish: {updated} out of {wanted - partition} new pods have been updated...", Done: false, Failed: false);
            }

            return new RolloutStatus($"partitioned roll out complete: {updated} new pods have been updated...", Done: true, Failed: false);
        }

        if (status.UpdateRevision != status.CurrentRevision)
        {
            return new RolloutStatus($"waiting for statefulset rolling update to complete {status.UpdatedReplicas ?? 0} pods at revision {status.UpdateRevision}...", Done: false, Failed: false);
        }

        return new RolloutStatus($"statefulset rolling update complete {status.CurrentReplicas ?? 0} pods at revision {status.CurrentRevision}...", Done: true, Failed: false);
    }
}
