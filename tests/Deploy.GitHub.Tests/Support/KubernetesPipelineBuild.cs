using Deploy.Build;

namespace Deploy.GitHub.Tests.Support;

/// <summary>The pipeline with the stock Rollout's Kubernetes parameters: --rollout-target and --kubeconfig.</summary>
internal sealed class KubernetesPipelineBuild : PipelineBuild
{
    [Parameter("Where to deploy: docker or kubernetes")]
    public string? RolloutTarget { get; set; }

    [Parameter("Kubernetes: kubeconfig file")]
    public string? Kubeconfig { get; set; }
}
