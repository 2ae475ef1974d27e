using Deploy.Build;
using Deploy.Docker.Context;
using Deploy.Docker.Engine;

namespace Deploy.Docker.Building;

/// <summary>The Image target's work: stages what the Dockerfile asks for, builds the image and returns it.</summary>
internal static class ImageRunner
{
    public static async Task<ContainerImage> BuildAsync(IImage build, CancellationToken cancellationToken)
    {
        var request = ImageRequest.From(build);
        var text = await File.ReadAllTextAsync(Path.Combine(request.ContextDirectory, request.Dockerfile), cancellationToken).ConfigureAwait(false);
        var directories = new List<(string, string)>();
        IReadOnlyList<ContextFile> files = [];
        var wantsPublish = text.Contains(ImageRequest.PublishPrefix, StringComparison.Ordinal);
        var wantsLibraries = text.Contains(SharedLibraries.Prefix, StringComparison.Ordinal);
        if (wantsPublish || wantsLibraries)
        {
            var published = request.PublishedDirectory ?? throw new DeployException(
                $"The Dockerfile '{request.Dockerfile}' copies from {ImageRequest.PublishPrefix} or {SharedLibraries.Prefix}, but nothing was published for the image " +
                "(in the stock pipeline, what Compile publishes). Run Compile before Image, or copy from the context instead.");
            if (wantsPublish)
            {
                directories.Add((ImageRequest.PublishPrefix, published));
            }

            if (wantsLibraries)
            {
                files = await SharedLibraries.GatherAsync(published, build.EnvironmentVariables, build.Time, cancellationToken).ConfigureAwait(false);
                if (files.Count == 0)
                {
                    // Staging an empty directory would not help: the classic builder fails the COPY after one that copies
                    // an empty directory ("layer does not exist", moby/moby#40591).
                    throw new DeployException(
                        $"The Dockerfile '{request.Dockerfile}' copies {SharedLibraries.Prefix}, but what was published links no shared library " +
                        $"(a static binary, as Go builds with CGO_ENABLED=0), so there is nothing to copy. Remove the COPY {SharedLibraries.Prefix}/ line.");
                }

                build.Log.Information("Staged {Count} shared libraries from this machine under {Prefix}", files.Count, SharedLibraries.Prefix);
            }
        }

        var references = request.Tags.Select(tag => $"{request.Repository}:{tag}").ToList();
        build.Log.Information("Building {References} from {Context} ({Dockerfile})", string.Join(", ", references), request.ContextDirectory, request.Dockerfile);
        using var client = await DockerEngine.ConnectAsync(request.DockerHost, build.EnvironmentVariables, cancellationToken).ConfigureAwait(false);
        var engineRequest = new BuildRequest(request.ContextDirectory, request.Dockerfile, references, request.BuildArgs, request.Target, request.Labels, directories, files, build.TemporaryDirectory);
        var id = await new ImageBuilder(client, build.Log).BuildAsync(engineRequest, cancellationToken).ConfigureAwait(false);
        build.Log.Information("Built {ImageId} as {References}", id, string.Join(", ", references));
        return new ContainerImage(id, request.Repository, request.Tags, request.Registry);
    }
}
