using Deploy.Build;

namespace Deploy.Kubernetes;

/// <summary>
/// The Kubernetes parameters of a rollout, for a build component to inherit (the stock <c>IRollout</c> does, and
/// adds <c>--rollout-timeout</c> and the target). <see cref="CreateKubernetesRolloutRequest"/> turns them, the image
/// and the change cause into a <see cref="KubernetesRolloutRequest"/> for <see cref="KubernetesRollout"/>.
/// </summary>
public interface IKubernetesRollout : IDeployBuild
{
    [Parameter("Kubeconfig context to deploy with (default: the current context; the kubeconfig comes from KUBECONFIG, else ~/.kube/config, else in-cluster)", Frequent = true)]
    string? KubeContext => GetParameter<string>();

    [Parameter("Namespace of the deployment (default: the context's namespace, else default)", Name = "namespace", Frequent = true)]
    string? KubeNamespace => GetParameter<string>();

    [Parameter("Kubernetes Deployment to roll the image out to (without --manifests)", Frequent = true)]
    string? Deployment => GetParameter<string>();

    [Parameter("Container of the deployment whose image to set (may be left out when the pod has one container; without --manifests)", Frequent = true)]
    string? Container => GetParameter<string>();

    [Parameter("Kubernetes manifests to apply with server-side apply, the image replaced by the pushed digest: YAML files or directories, relative to the service's source (without it, the image of --deployment is set)")]
    string[] Manifests => GetParameter<string[]>() ?? [];

    [Parameter("With --manifests: validate them, run a server-side dry run, print what would be created, configured or unchanged, and apply nothing")]
    bool KubeDryRun => GetParameter<bool?>() ?? false;

    [Parameter("With --manifests: take over fields that other field managers own (server-side apply force) instead of failing on the conflict")]
    bool ForceConflicts => GetParameter<bool?>() ?? false;

    [Parameter("With --manifests: when the rollout fails, delete the objects this run created (default: leave them in place and list them)")]
    bool DeleteCreatedOnFailure => GetParameter<bool?>() ?? false;

    [Parameter("Do not roll a failed Kubernetes rollout back to the previous revision", Frequent = true)]
    bool NoRollback => GetParameter<bool?>() ?? false;

    /// <summary>The request for <paramref name="image"/> from these parameters.</summary>
    /// <param name="image">The pushed reference, <c>registry/image@sha256:…</c>.</param>
    /// <param name="changeCause">For <c>kubernetes.io/change-cause</c>, e.g. <c>deploy: commit abc1234 (ref main)</c>.</param>
    /// <param name="timeout">How long the rollout (and again a rollback) may take.</param>
    /// <param name="commit">With manifests: the commit the applied objects are labelled with.</param>
    KubernetesRolloutRequest CreateKubernetesRolloutRequest(string image, string? changeCause, TimeSpan timeout, string? commit = null) => new()
    {
        Deployment = Deployment,
        Image = image,
        KubeContext = KubeContext,
        Namespace = KubeNamespace,
        Container = Container,
        ChangeCause = changeCause,
        Timeout = timeout,
        Rollback = !NoRollback,
        EnvironmentVariables = EnvironmentVariables,
        TimeProvider = Time,
        Manifests = Manifests,
        SourceDirectory = RootDirectory,
        DryRun = KubeDryRun,
        ForceConflicts = ForceConflicts,
        DeleteCreatedOnFailure = DeleteCreatedOnFailure,
        Commit = commit,
    };
}
