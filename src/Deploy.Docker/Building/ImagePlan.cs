using System.Globalization;
using Deploy.Build;
using Deploy.Docker.Context;
using Deploy.Docker.Engine;
using Deploy.DotNet;

namespace Deploy.Docker.Building;

/// <summary>The Image target's inputs, read from the build's parameters and checked before anything is built.</summary>
internal sealed record ImagePlan(
    string ContextDirectory,
    string Dockerfile,
    string Repository,
    string? Registry,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> BuildArgs,
    string? Target,
    IReadOnlyDictionary<string, string> Labels,
    string? DockerHost)
{
    /// <summary>Where a Dockerfile finds the published service in its context: <c>COPY .deploy/publish/ /app/</c>.</summary>
    public const string PublishPrefix = ".deploy/publish";

    /// <summary>The service's directory relative to its source: <see cref="IToolchain.Project"/>, or its directory when it names a file.</summary>
    public static string ServiceDirectory(IToolchain build)
    {
        var project = build.Project;
        return File.Exists(Path.Combine(build.SourceDirectory, project)) ? Path.GetDirectoryName(project) ?? "." : project;
    }

    public static ImagePlan From(IImage build)
    {
        if (ImageChecks.Problems(build) is [_, ..] problems)
        {
            throw new DeployException(string.Join('\n', problems));
        }

        var context = Path.GetFullPath(Path.Combine(build.SourceDirectory, build.DockerContext));
        var dockerfile = Path.GetFullPath(Path.Combine(context, build.Dockerfile));
        var relative = Path.GetRelativePath(context, dockerfile).Replace('\\', '/');
        var registry = build.Registry is { } given ? ImageNames.Registry(given.Trim()) : null;
        var name = ImageNames.Name(build.ImageName);
        var repository = registry is null ? name : $"{registry}/{name}";
        var version = ShortRevision(build.SourceRevision);
        var tags = new[] { version }.Concat(build.ImageTags.Select(t => ImageNames.Tag(t.Trim()))).Distinct(StringComparer.Ordinal).ToList();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["org.opencontainers.image.created"] = build.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["org.opencontainers.image.version"] = version,
        };
        if (build.SourceRevision is { Length: > 0 } revision)
        {
            labels["org.opencontainers.image.revision"] = revision;
        }

        if (build.ImageSource is { Length: > 0 } source)
        {
            labels["org.opencontainers.image.source"] = source;
        }

        return new ImagePlan(context, relative, repository, registry, tags, ImageNames.BuildArgs(build.BuildArgs), build.DockerTarget, labels, build.DockerHost);
    }

    /// <summary>The first 7 characters of a commit SHA; another revision text made into a tag; <c>dev</c> when unknown.</summary>
    public static string ShortRevision(string? revision) =>
        string.IsNullOrWhiteSpace(revision) ? "dev"
        : revision.Length >= 7 && revision.All(char.IsAsciiHexDigit) ? revision[..7].ToLowerInvariant()
        : ImageNames.ToTag(revision);

    /// <summary>Stages what the Dockerfile asks for, builds the image and returns it.</summary>
    public async Task<ContainerImage> BuildAsync(IImage build, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(ContextDirectory, Dockerfile), cancellationToken).ConfigureAwait(false);
        var directories = new List<(string, string)>();
        IReadOnlyList<ContextFile> files = [];
        var wantsPublish = text.Contains(PublishPrefix, StringComparison.Ordinal);
        var wantsLibraries = text.Contains(SharedLibraries.Prefix, StringComparison.Ordinal);
        if (wantsPublish || wantsLibraries)
        {
            var published = build.Published ?? throw new DeployException(
                $"The Dockerfile '{Dockerfile}' copies from {PublishPrefix} or {SharedLibraries.Prefix}, but Compile published nothing. " +
                "Run Compile (Image depends on it), or copy from the context instead.");
            if (wantsPublish)
            {
                directories.Add((PublishPrefix, published.Directory));
            }

            if (wantsLibraries)
            {
                files = await SharedLibraries.GatherAsync(published.Directory, build.EnvironmentVariables, build.Time, cancellationToken).ConfigureAwait(false);
                build.Log.Information("Staged {Count} shared libraries from this machine under {Prefix}", files.Count, SharedLibraries.Prefix);
            }
        }

        var references = Tags.Select(tag => $"{Repository}:{tag}").ToList();
        build.Log.Information("Building {References} from {Context} ({Dockerfile})", string.Join(", ", references), ContextDirectory, Dockerfile);
        using var client = await DockerEngine.ConnectAsync(DockerHost, build.EnvironmentVariables, cancellationToken).ConfigureAwait(false);
        var request = new BuildRequest(ContextDirectory, Dockerfile, references, BuildArgs, Target, Labels, directories, files);
        var id = await new ImageBuilder(client, build.Log).BuildAsync(request, cancellationToken).ConfigureAwait(false);
        build.Log.Information("Built {ImageId} as {References}", id, string.Join(", ", references));
        return new ContainerImage(id, Repository, Tags, Registry);
    }
}
