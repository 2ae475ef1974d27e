using Deploy.Docker.Rollout;

namespace Deploy.Docker;

/// <summary>What to run, under which name, and how to tell that it is healthy.</summary>
/// <param name="ContainerName">The name the service's container has; the previous version has it until replaced.</param>
/// <param name="Image">The image: a digest reference (<c>registry/image@sha256:…</c>), a tag or a local image ID.</param>
/// <param name="Port">
/// The port the service listens on inside the container; given to it as <c>PORT</c> and <c>ASPNETCORE_HTTP_PORTS</c>
/// (unless <paramref name="Environment"/> sets them, or <c>ASPNETCORE_URLS</c>). With host networking it must be held
/// by the new container's processes alone for the rollout to count as healthy.
/// </param>
/// <param name="Environment">More <c>NAME=value</c> variables for the container.</param>
/// <param name="Publish">A host-to-container port mapping; null runs the container with host networking.</param>
/// <param name="HealthUrl">Polled until it answers 2xx several times in a row; null uses the image's HEALTHCHECK when it has one.</param>
/// <param name="Timeout">How long the new version has to become healthy.</param>
/// <param name="Labels">Labels for the container (commit, pipeline), for whoever inspects it later.</param>
internal sealed record DockerRolloutRequest(
    string ContainerName,
    string Image,
    int Port,
    IReadOnlyList<string> Environment,
    PortMapping? Publish,
    Uri? HealthUrl,
    TimeSpan Timeout,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The name the previous version is parked under while the new one proves itself.</summary>
    public string PreviousName => ContainerName + "-previous";
}
