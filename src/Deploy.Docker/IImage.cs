using Deploy.Build;
using Deploy.Docker.Building;

namespace Deploy.Docker;

/// <summary>
/// The <c>Image</c> target: builds the service's image in the Docker engine (classic builder) from its context
/// directory and Dockerfile, tagged <c>&lt;registry&gt;/&lt;image&gt;:&lt;short-sha&gt;</c> plus <see cref="ImageTags"/>
/// and labelled with the OCI <c>org.opencontainers.image.*</c> labels. Later targets read <see cref="BuiltImage"/>; the
/// run record gets <c>imageId</c> and <c>image</c>.
/// <para>
/// Image sends a directory; it does not compile anything. A Dockerfile that mentions <c>.deploy/publish</c> gets
/// <see cref="PublishedDirectory"/> in its context, and one that mentions <c>.deploy/rootfs</c> gets the shared
/// libraries the executables in it link against (found with <c>ldd</c>, at their paths on this machine), so a
/// <c>FROM scratch</c> image runs without pulling a base image. Other Dockerfiles get their context as it is.
/// </para>
/// <para>
/// Where the service is, which commit it is and what was published come from whoever composes Image: the stock
/// <c>IRollout</c> says the toolchain's source and project, the commit Compile stamps, and what Compile published
/// (and Image then depends on Compile). A build that composes Image without it gives them itself.
/// </para>
/// </summary>
public interface IImage : IDeployBuild
{
    [Parameter("Dockerfile to build, relative to --docker-context")]
    string Dockerfile => GetParameter<string>() ?? "Dockerfile";

    [Parameter("Build context directory, relative to the service's source (default: the service's directory)")]
    string DockerContext => GetParameter<string>() ?? ServiceDirectory;

    [Parameter("Image name, without registry or tag (default: the service directory's name, e.g. hello-service)")]
    string ImageName => GetParameter<string>() ?? ImageNames.FromServiceName(ImageRequest.DirectoryName(ImageSourceDirectory, ServiceDirectory));

    [Parameter("Registry to tag the image for and push it to, host[:port] (none: the image stays in the local engine)", Frequent = true)]
    string? Registry => GetParameter<string>();

    [Parameter("More tags besides the short commit SHA (e.g. latest, the branch, the git tag)", Frequent = true)]
    string[] ImageTags => GetParameter<string[]>() ?? [];

    [Parameter("Build arguments for the Dockerfile, KEY=VALUE")]
    string[] BuildArgs => GetParameter<string[]>() ?? [];

    [Parameter("Stage of a multi-stage Dockerfile to build (default: the last)")]
    string? DockerTarget => GetParameter<string>();

    [Parameter("Docker engine address, unix:///path or tcp://host:port (default: DOCKER_HOST, else unix:///var/run/docker.sock)", Convention = Engine.DockerEngine.HostVariable)]
    string? DockerHost => GetParameter<string>();

    /// <summary>The directory holding the service's source: <see cref="DockerContext"/> and <see cref="ServiceDirectory"/> are relative to it. Default: the build's root.</summary>
    string ImageSourceDirectory => RootDirectory;

    /// <summary>
    /// Whether <see cref="ImageSourceDirectory"/> holds the source yet. A build whose source an earlier target fetches
    /// (Clone) says when it is there; until then the Dockerfile is not checked (it is the moment it is there).
    /// </summary>
    bool HasImageSource => true;

    /// <summary>The service's directory inside <see cref="ImageSourceDirectory"/>: the default build context, and its name the default image name. Default: the source itself.</summary>
    string ServiceDirectory => ".";

    /// <summary>The commit the image is built from: its first tag (the short SHA) and its revision label. Null: tagged <c>dev</c>, no revision label.</summary>
    string? ImageRevision => null;

    /// <summary>
    /// The image's first tag and its version label, e.g. <c>3f2a9c1-dirty</c> for a checkout with uncommitted changes.
    /// Null: the short <see cref="ImageRevision"/>, <c>dev</c> when that is null too.
    /// </summary>
    string? ImageVersion => null;

    /// <summary>
    /// The commit's time, for the <c>org.opencontainers.image.created</c> label, so the same commit gives the same image
    /// (<c>SOURCE_DATE_EPOCH</c> in the build's environment wins). Null: the build's time, and every build makes a new image.
    /// </summary>
    DateTimeOffset? ImageCreated => null;

    /// <summary>The URL of the service's source, for the <c>org.opencontainers.image.source</c> label; null leaves it out.</summary>
    string? ImageSourceUrl => null;

    /// <summary>
    /// The directory a Dockerfile finds at <c>.deploy/publish</c> (and whose executables' shared libraries at
    /// <c>.deploy/rootfs</c>), produced by one of <see cref="ImagePrerequisites"/>; null: none, and such a Dockerfile is refused.
    /// </summary>
    string? PublishedDirectory => null;

    /// <summary>The targets that produce what Image sends (<see cref="PublishedDirectory"/>, the source): Image depends on them. Default: none.</summary>
    IReadOnlyList<Target> ImagePrerequisites => [];

    /// <summary>What <see cref="Image"/> built; null until it ran.</summary>
    ContainerImage? BuiltImage => DockerState.Of(this).Built;

    /// <summary>
    /// Builds and tags the image. Up to date while its context, what was published, the Dockerfile's settings, the
    /// name, tags and labels are unchanged and the image it built is still in the engine under its tags: then that
    /// image is handed on without a build.
    /// </summary>
    Target Image => _ => _
        .Description("Build the service's image in the Docker engine, tagged <registry>/<image>:<short-sha>")
        .DependsOn([.. ImagePrerequisites])
        .Inputs(i => i
            .Files(() => HasImageSource ? Path.Combine(ImageSourceDirectory, DockerContext) : null)
            .Files(() => PublishedDirectory)
            .Parameter(() => Dockerfile)
            .Parameter(() => ImageName)
            .Parameter(() => Registry)
            .Parameter(() => ImageTags)
            .Parameter(() => BuildArgs)
            .Parameter(() => DockerTarget)
            .Value("revision", () => ImageRevision)
            .Value("created", () => Building.ImageCreated.Label(this))
            .Value("source", () => ImageSourceUrl))
        .StillValid(ct => ImageReuse.ProblemAsync(this, ct))
        .Validates(() => ImageChecks.Problems(this))
        .Preflight(ct => Engine.DockerEngine.PingAsync(DockerHost, EnvironmentVariables, ct))
        .Produces("imageId", () => BuiltImage?.ImageId)
        .Produces("image", () => BuiltImage?.Reference)
        .Outputs(() => BuiltImage, image => DockerState.Of(this).Built = image)
        .Timeout(TimeSpan.FromHours(1))
        .Executes(async ct => DockerState.Of(this).Built = await ImageRunner.BuildAsync(this, ct).ConfigureAwait(false));
}
