using System.Globalization;
using Deploy.Build;

namespace Deploy.Docker.Building;

/// <summary>The Image target's inputs, read from the build's parameters and checked before anything is built.</summary>
internal sealed record ImageRequest(
    string ContextDirectory,
    string Dockerfile,
    string Repository,
    string? Registry,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> BuildArgs,
    string? Target,
    IReadOnlyDictionary<string, string> Labels,
    string? PublishedDirectory,
    string? DockerHost)
{
    /// <summary>Where a Dockerfile finds the published service in its context: <c>COPY .deploy/publish/ /app/</c>.</summary>
    public const string PublishPrefix = ".deploy/publish";

    /// <summary>The label holding the fingerprint of the inputs the image was built from; every image a Deploy build makes has it.</summary>
    public const string InputsLabel = "dev.deploy.inputs";

    /// <summary>The name of <paramref name="directory"/> inside <paramref name="source"/> (the source's own name for <c>.</c>).</summary>
    public static string DirectoryName(string source, string directory) =>
        Path.GetFileName(Path.GetFullPath(Path.Combine(source, directory)).TrimEnd('/', '\\'));

    public static ImageRequest From(IImage build)
    {
        if (ImageChecks.Problems(build) is [_, ..] problems)
        {
            throw new DeployException(string.Join('\n', problems));
        }

        var context = Path.GetFullPath(Path.Combine(build.ImageSourceDirectory, build.DockerContext));
        var dockerfile = Path.GetFullPath(Path.Combine(context, build.Dockerfile));
        var relative = Path.GetRelativePath(context, dockerfile).Replace('\\', '/');
        var registry = build.Registry is { } given ? ImageNames.Registry(given.Trim()) : null;
        var name = ImageNames.Name(build.ImageName);
        var repository = registry is null ? name : $"{registry}/{name}";
        var version = build.ImageVersion is { Length: > 0 } imageVersion ? ImageNames.Tag(imageVersion) : ShortRevision(build.ImageRevision);
        var tags = new[] { version }.Concat(build.ImageTags.Select(t => ImageNames.Tag(t.Trim()))).Distinct(StringComparer.Ordinal).ToList();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["org.opencontainers.image.created"] = ImageCreated.Label(build),
            ["org.opencontainers.image.version"] = version,
        };
        if (build.ImageRevision is { Length: > 0 } revision)
        {
            labels["org.opencontainers.image.revision"] = revision;
        }

        // The fingerprint of Image's inputs: an image made from these inputs is found again by it (and its presence
        // marks the images this build made, for --keep-images).
        if (build.InputsFingerprint(nameof(IImage.Image)) is { } inputs)
        {
            labels[InputsLabel] = inputs;
        }

        if (build.ImageSourceUrl is { Length: > 0 } source)
        {
            labels["org.opencontainers.image.source"] = source;
        }

        return new ImageRequest(
            context, relative, repository, registry, tags, ImageNames.BuildArgs(build.BuildArgs), build.DockerTarget, labels, build.PublishedDirectory, build.DockerHost);
    }

    /// <summary>The first 7 characters of a commit SHA; another revision text made into a tag; <c>dev</c> when unknown.</summary>
    public static string ShortRevision(string? revision) =>
        string.IsNullOrWhiteSpace(revision) ? "dev"
        : revision.Length >= 7 && revision.All(char.IsAsciiHexDigit) ? revision[..7].ToLowerInvariant()
        : ImageNames.ToTag(revision);
}
