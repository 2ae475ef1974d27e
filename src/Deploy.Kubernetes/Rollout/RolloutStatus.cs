using k8s.Models;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// Where a Deployment's rollout stands, by <c>kubectl rollout status</c>'s rules and in its words
/// (kubectl: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go, DeploymentStatusViewer.Status).
/// </summary>
internal sealed record RolloutStatus(string Message, bool Done, bool Failed)
{
    /// <summary>The Progressing condition's reason when <c>spec.progressDeadlineSeconds</c> passed without progress.</summary>
    public const string TimedOutReason = "ProgressDeadlineExceeded";

    /// <summary>Whether the controller has seen the latest spec (otherwise the status describes an older one).</summary>
    public static bool IsObserved(V1Deployment deployment) =>
        (deployment.Metadata.Generation ?? 0) <= (deployment.Status?.ObservedGeneration ?? 0);

    public static RolloutStatus Of(V1Deployment deployment)
    {
        var name = deployment.Metadata.Name;
        if (!IsObserved(deployment))
        {
            return new RolloutStatus("Waiting for deployment spec update to be observed...", Done: false, Failed: false);
        }

        var status = deployment.Status ?? new V1DeploymentStatus();
        var progressing = status.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
        if (progressing?.Reason == TimedOutReason)
        {
            return new RolloutStatus($"deployment \"{name}\" exceeded its progress deadline", Done: false, Failed: true);
        }

        var updated = status.UpdatedReplicas ?? 0;
        var replicas = status.Replicas ?? 0;
        var available = status.AvailableReplicas ?? 0;
        if (deployment.Spec.Replicas is { } wanted && updated < wanted)
        {
            return Waiting(name, $"{updated} out of {wanted} new replicas have been updated...");
        }

        if (replicas > updated)
        {
            return Waiting(name, $"{replicas - updated} old replicas are pending termination...");
        }

        if (available < updated)
        {
            return Waiting(name, $"{available} of {updated} updated replicas are available...");
        }

        return new RolloutStatus($"deployment \"{name}\" successfully rolled out", Done: true, Failed: false);
    }

    private static RolloutStatus Waiting(string name, string what) =>
        new($"Waiting for deployment \"{name}\" rollout to finish: {what}", Done: false, Failed: false);
}
