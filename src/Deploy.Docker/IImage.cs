using Deploy.Build;
using Deploy.Docker.Building;
using Deploy.DotNet;

namespace Deploy.Docker;

/// <summary>
/// The <c>Image</c> target: builds the service's image in the Docker engine (classic builder) from its context
/// directory and Dockerfile, tagged <c>&lt;registry&gt;/&lt;image&gt;:&lt;short-sha&gt;</c> plus <see cref="ImageTags"/>
/// and labelled with the OCI <c>org.opencontainers.image.*</c> labels. It runs beside <c>Test</c> (both depend on
/// <c>Compile</c>). Later targets read <see cref="BuiltImage"/>; the run record gets <c>imageId</c> and <c>image</c>.
/// <para>
/// Nothing is compiled inside the image: a Dockerfile that mentions <c>.deploy/publish</c> gets what <c>Compile</c>
/// published there in its context, and one that mentions <c>.deploy/rootfs</c> gets the shared libraries the
/// published executables link against (found with <c>ldd</c>, at their paths on this machine), so a
/// <c>FROM scratch</c> image runs without pulling a base image. Other Dockerfiles get their context as it is.
/// </para>
/// </summary>
public interface IImage : ICompile
{
    /// <summary>The Dockerfile, relative to <see cref="DockerContext"/>.</summary>
    [Parameter("Dockerfile to build, relative to --docker-context")]
    string Dockerfile => GetParameter<string>() ?? "Dockerfile";

    /// <summary>The build context directory, relative to the service's source; default: the service's directory (<see cref="IToolchain.Project"/>).</summary>
    [Parameter("Build context directory, relative to the service's source (default: the --project directory, e.g. samples/hello-service)")]
    string DockerContext => GetParameter<string>() ?? ImagePlan.ServiceDirectory(this);

    /// <summary>The image's name (repository without the registry); default: the service directory's name, e.g. <c>hello-service</c>.</summary>
    [Parameter("Image name, without registry or tag (default: the service directory's name, e.g. hello-service)")]
    string ImageName => GetParameter<string>() ?? ImageNames.FromServiceName(Path.GetFileName(ImagePlan.ServiceDirectory(this).TrimEnd('/', '\\')));

    /// <summary>The registry the image is tagged for and pushed to (<c>host[:port]</c>); none keeps the image in the local engine.</summary>
    [Parameter("Registry to tag the image for and push it to, host[:port] (none: the image stays in the local engine)", Frequent = true)]
    string? Registry => GetParameter<string>();

    /// <summary>Tags besides the short commit SHA, e.g. <c>latest</c>, the branch, the git tag.</summary>
    [Parameter("More tags besides the short commit SHA (e.g. latest, the branch, the git tag)", Frequent = true)]
    string[] ImageTags => GetParameter<string[]>() ?? [];

    /// <summary>Build arguments, <c>KEY=VALUE</c>.</summary>
    [Parameter("Build arguments for the Dockerfile, KEY=VALUE")]
    string[] BuildArgs => GetParameter<string[]>() ?? [];

    /// <summary>The stage of a multi-stage Dockerfile to build; default: the last.</summary>
    [Parameter("Stage of a multi-stage Dockerfile to build (default: the last)")]
    string? DockerTarget => GetParameter<string>();

    /// <summary>The engine's address; default: <c>DOCKER_HOST</c>, else <c>unix:///var/run/docker.sock</c>.</summary>
    [Parameter("Docker engine address, unix:///path or tcp://host:port (default: DOCKER_HOST, else unix:///var/run/docker.sock)", Convention = Engine.DockerEngine.HostVariable)]
    string? DockerHost => GetParameter<string>();

    /// <summary>The URL of the service's source, for the <c>org.opencontainers.image.source</c> label; null leaves it out.</summary>
    string? ImageSource => null;

    /// <summary>What <see cref="Image"/> built; null until it ran.</summary>
    ContainerImage? BuiltImage => DockerState.Of(this).Built;

    /// <summary>Builds and tags the image.</summary>
    Target Image => _ => _
        .Description("Build the service's image in the Docker engine, tagged <registry>/<image>:<short-sha>")
        .DependsOn<ICompile>(x => x.Compile)
        .Validates(() => ImageChecks.Problems(this))
        .Preflight(ct => Engine.DockerEngine.PingAsync(DockerHost, EnvironmentVariables, ct))
        .Produces("imageId", () => BuiltImage?.ImageId)
        .Produces("image", () => BuiltImage?.Reference)
        .Outputs(() => BuiltImage, image => DockerState.Of(this).Built = image)
        .Timeout(TimeSpan.FromHours(1))
        .Executes(async ct => DockerState.Of(this).Built = await ImagePlan.From(this).BuildAsync(this, ct).ConfigureAwait(false));
}
