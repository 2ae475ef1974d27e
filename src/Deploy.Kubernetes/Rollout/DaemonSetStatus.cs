using k8s.Models;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// Where a DaemonSet's rollout stands, by <c>kubectl rollout status</c>'s rules and in its words (kubectl:
/// staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go, DaemonSetStatusViewer.Status).
/// </summary>
internal static class DaemonSetStatus
{
    public static bool IsRollingUpdate(V1DaemonSet daemon) => (daemon.Spec.UpdateStrategy?.Type ?? "RollingUpdate") == "RollingUpdate";

    public static bool IsObserved(V1DaemonSet daemon) => (daemon.Metadata.Generation ?? 0) <= (daemon.Status?.ObservedGeneration ?? 0);

    public static RolloutStatus Of(V1DaemonSet daemon)
    {
        var name = daemon.Metadata.Name;
        if (!IsRollingUpdate(daemon))
        {
            return new RolloutStatus($"daemon set \"{name}\" has the {daemon.Spec.UpdateStrategy!.Type} update strategy: its pods change only when they are deleted, so there is no rollout to wait for", Done: true, Failed: false);
        }

        if (!IsObserved(daemon))
        {
            return new RolloutStatus("Waiting for daemon set spec update to be observed...", Done: false, Failed: false);
        }

        var status = daemon.Status!;
        var updated = status.UpdatedNumberScheduled ?? 0;
        if (updated < status.DesiredNumberScheduled)
        {
            return new RolloutStatus($"Waiting for daemon set \"{name}\" rollout to finish: {updated} out of {status.DesiredNumberScheduled} new pods have been updated...", Done: false, Failed: false);
        }

        if ((status.NumberAvailable ?? 0) < status.DesiredNumberScheduled)
        {
            return new RolloutStatus($"Waiting for daemon set \"{name}\" rollout to finish: {status.NumberAvailable ?? 0} of {status.DesiredNumberScheduled} updated pods are available...", Done: false, Failed: false);
        }

        return new RolloutStatus($"daemon set \"{name}\" successfully rolled out", Done: true, Failed: false);
    }
}
