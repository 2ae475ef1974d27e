using Deploy.Build;

namespace Deploy.Kubernetes;

/// <summary>
/// The Kubernetes parameters of a rollout, for a build component to inherit (the stock <c>IRollout</c> does, and
/// adds <c>--rollout-timeout</c> and the target). <see cref="CreateKubernetesRolloutRequest"/> turns them, the image
/// and the change cause into a <see cref="KubernetesRolloutRequest"/> for <see cref="KubernetesRollout"/>.
/// </summary>
public interface IKubernetesRollout : IDeployBuild
{
    /// <summary>The kubeconfig context. Default: the kubeconfig's current-context.</summary>
    [Parameter("Kubeconfig context to deploy with (default: the current context; the kubeconfig comes from KUBECONFIG, else ~/.kube/config, else in-cluster)")]
    string? KubeContext => GetParameter<string>();

    /// <summary>The Deployment's namespace. Default: the context's namespace, else <c>default</c>.</summary>
    [Parameter("Namespace of the deployment (default: the context's namespace, else default)", Name = "namespace")]
    string? KubeNamespace => GetParameter<string>();

    /// <summary>The Deployment to update.</summary>
    [Parameter("Kubernetes Deployment to roll the image out to")]
    string? Deployment => GetParameter<string>();

    /// <summary>The container whose image is set. Default: the pod's only container.</summary>
    [Parameter("Container of the deployment whose image to set (may be left out when the pod has one container)")]
    string? Container => GetParameter<string>();

    /// <summary>Turns off the automatic <c>kubectl rollout undo</c> of a failed rollout.</summary>
    [Parameter("Do not roll a failed Kubernetes rollout back to the previous revision")]
    bool NoRollback => GetParameter<bool?>() ?? false;

    /// <summary>The request for <paramref name="image"/> from these parameters.</summary>
    /// <param name="image">The pushed reference, <c>registry/image@sha256:…</c>.</param>
    /// <param name="changeCause">For <c>kubernetes.io/change-cause</c>, e.g. <c>deploy: commit abc1234 (ref main)</c>.</param>
    /// <param name="timeout">How long the rollout (and again a rollback) may take.</param>
    KubernetesRolloutRequest CreateKubernetesRolloutRequest(string image, string? changeCause, TimeSpan timeout) => new()
    {
        Deployment = Deployment ?? string.Empty,
        Image = image,
        KubeContext = KubeContext,
        Namespace = KubeNamespace,
        Container = Container,
        ChangeCause = changeCause,
        Timeout = timeout,
        Rollback = !NoRollback,
        EnvironmentVariables = EnvironmentVariables,
        TimeProvider = Time,
    };
}
