using Deploy.Docker.Rollout;

namespace Deploy.Docker;

/// <summary>
/// What <see cref="DockerRollout.RunAsync"/> runs, under which name, on which engine, and how it tells that the new
/// version is healthy. <see cref="DockerRollout.Validate"/> checks the values before the engine is contacted.
/// </summary>
public sealed record DockerRolloutRequest
{
    /// <summary>The service's container name; the previous version has it until it is replaced (Docker's rule: <c>[a-zA-Z0-9][a-zA-Z0-9_.-]+</c>).</summary>
    public required string ContainerName { get; init; }

    /// <summary>The image to run: a digest reference (<c>registry/image@sha256:…</c>), a tag, or a local image ID. Pulled when the engine lacks it.</summary>
    public required string Image { get; init; }

    /// <summary>
    /// The port the service listens on inside the container, given to it as <c>PORT</c> and <c>ASPNETCORE_HTTP_PORTS</c>
    /// (unless <see cref="Environment"/> sets them, or <c>ASPNETCORE_URLS</c>). With host networking it must be held by
    /// the new container's processes alone for the rollout to count as healthy. Default: 8080.
    /// </summary>
    public int Port { get; init; } = 8080;

    /// <summary>More <c>NAME=value</c> variables for the container.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>A <c>HOST_PORT:CONTAINER_PORT</c> mapping, as <c>docker run -p</c> takes it; null (the default) runs the container with host networking.</summary>
    public string? Publish { get; init; }

    /// <summary>Polled until it answers 2xx several times in a row. Null: the image's HEALTHCHECK when it has one, else <c>http://127.0.0.1:PORT/healthz</c>.</summary>
    public Uri? HealthUrl { get; init; }

    /// <summary>How long the new version has to become healthy. Default: 10 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Labels for the container (commit, pipeline), for whoever inspects it later.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// After a successful rollout, keep the version it replaced (stopped, as <c>NAME-previous</c>) so that
    /// <see cref="DockerRollout.RollBackAsync"/> can put exactly that container back, until
    /// <see cref="DockerRollout.RemovePreviousAsync"/> removes it (a later rollout also removes it). Default: false, the
    /// previous version is removed as soon as the new one is healthy.
    /// </summary>
    public bool KeepPrevious { get; init; }

    /// <summary>
    /// Replace the container even when it already runs this image with this configuration and is healthy. Default:
    /// false, and such a rollout changes nothing (<see cref="DockerRolloutResult.Unchanged"/>).
    /// </summary>
    public bool Force { get; init; }

    /// <summary>The engine's address, <c>unix:///path</c> or <c>tcp://host:port</c>. Null: <c>DOCKER_HOST</c> from <see cref="EnvironmentVariables"/>, else <c>unix:///var/run/docker.sock</c>.</summary>
    public string? DockerHost { get; init; }

    /// <summary>
    /// The environment the engine's address is found in (<c>DOCKER_HOST</c>): a build passes its
    /// <see cref="Build.IDeployBuild.EnvironmentVariables"/>. Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>The clock for <see cref="Timeout"/> and the health checks' pace: a build passes its <see cref="Build.IDeployBuild.Time"/>.</summary>
    public required TimeProvider TimeProvider { get; init; }

    /// <summary>The name the previous version is parked under while the new one proves itself.</summary>
    internal string PreviousName => ContainerName + "-previous";

    /// <summary>The parsed <see cref="Publish"/> (checked by <see cref="DockerRollout.Validate"/>).</summary>
    internal PortMapping? PortMapping => Publish is null ? null : PortMapping.Parse(Publish);
}
