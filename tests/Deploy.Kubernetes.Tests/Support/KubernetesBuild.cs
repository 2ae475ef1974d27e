using Deploy.Build;

namespace Deploy.Kubernetes.Tests.Support;

/// <summary>
/// A build with the Kubernetes parameters and a target that rolls <see cref="EmulatedCluster.V2"/> out, standing in
/// for the stock IRollout (which chooses between Docker and Kubernetes).
/// </summary>
public sealed class KubernetesBuild : DeployBuild, IKubernetesRollout
{
    public string? Kubeconfig { get; init; }

    public KubernetesRolloutResult? Result { get; private set; }

    public Target Deploy => _ => _
        .Executes(async cancellationToken =>
        {
            var request = ((IKubernetesRollout)this).CreateKubernetesRolloutRequest(EmulatedCluster.V2, "deploy: commit abc1234 (ref main)", TimeSpan.FromMinutes(10), commit: "abc1234");
            Result = await KubernetesRollout.RunAsync(request with { Kubeconfig = Kubeconfig }, Log, cancellationToken);
        })
        .Produces("revisionBefore", () => Result?.RevisionBefore?.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Produces("revisionAfter", () => Result?.RevisionAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Produces("reference", () => Result?.Reference)
        .Produces("applied", () => Result is { Applied.Count: > 0 } result ? string.Join("; ", result.Applied) : null);
}
