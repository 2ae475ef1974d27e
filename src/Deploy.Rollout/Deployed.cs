using Deploy.Docker;
using Deploy.Kubernetes;

namespace Deploy.Rollout;

/// <summary>What a rollout deployed.</summary>
/// <param name="Target">Where it went.</param>
/// <param name="Reference">The image reference now running: <c>registry/image@sha256:…</c>, or a local image ID.</param>
/// <param name="Where">The container name (Docker), <c>namespace/deployment</c> (Kubernetes), or with manifests every workload's <c>namespace/name</c>.</param>
/// <param name="RevisionBefore">Kubernetes: the Deployment's revision before (with manifests: <c>deployment/web=1, statefulset/db=2</c>); Docker: the image ID it replaced.</param>
/// <param name="RevisionAfter">Kubernetes: the revision now serving (same form); Docker: the new container's ID.</param>
public sealed record Deployed(RolloutTarget Target, string Reference, string Where, string? RevisionBefore, string? RevisionAfter)
{
    /// <summary>Kubernetes: the whole result (every applied object), which is also what undoing the rollout needs; null for Docker.</summary>
    public KubernetesRolloutResult? Kubernetes { get; init; }

    /// <summary>Docker: the whole result (the containers before and after), which is also what undoing the rollout needs; null for Kubernetes.</summary>
    public DockerRolloutResult? Docker { get; init; }

    /// <summary>Kubernetes with manifests: every object and what the apply did to it (<c>Deployment apps/web configured; Service apps/web created</c>).</summary>
    public string? Applied => Kubernetes?.Applied is { Count: > 0 } applied ? string.Join("; ", applied) : null;
}
