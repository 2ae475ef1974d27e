namespace Deploy.Rollout;

/// <summary>What a rollout deployed.</summary>
/// <param name="Target">Where it went.</param>
/// <param name="Reference">The image reference now running: <c>registry/image@sha256:…</c>, or a local image ID.</param>
/// <param name="Where">The container name (Docker) or <c>namespace/deployment</c> (Kubernetes).</param>
/// <param name="RevisionBefore">Kubernetes: the Deployment's revision before; Docker: the image ID it replaced.</param>
/// <param name="RevisionAfter">Kubernetes: the revision now serving; Docker: the new container's ID.</param>
public sealed record Deployed(RolloutTarget Target, string Reference, string Where, string? RevisionBefore, string? RevisionAfter);
