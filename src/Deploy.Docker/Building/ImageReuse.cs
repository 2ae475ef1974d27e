using Deploy.Docker.Engine;
using Docker.DotNet;

namespace Deploy.Docker.Building;

/// <summary>
/// Whether the image an up-to-date Image target restored can be handed on as it is: it is still in the engine, and
/// each of its tags still names it. Else Image builds again (the same inputs give the same image).
/// </summary>
internal static class ImageReuse
{
    /// <summary>Why the restored image cannot be reused, as a reason to build; null when it can.</summary>
    public static async Task<string?> ProblemAsync(IImage build, CancellationToken cancellationToken)
    {
        if (build.BuiltImage is not { } image)
        {
            return null;
        }

        using var client = await DockerEngine.ConnectAsync(build.DockerHost, build.EnvironmentVariables, cancellationToken).ConfigureAwait(false);
        foreach (var reference in image.References)
        {
            try
            {
                var found = await client.Images.InspectImageAsync(reference, cancellationToken).ConfigureAwait(false);
                if (found.ID != image.ImageId)
                {
                    return $"the tag {reference} now names another image ({found.ID}, not {image.ImageId})";
                }
            }
            catch (DockerImageNotFoundException)
            {
                return $"the image {image.ImageId} ({reference}) is no longer in the Docker engine";
            }
        }

        build.Log.Information("Reusing {ImageId} ({References}): built from these inputs, still in the engine", image.ImageId, string.Join(", ", image.References));
        return null;
    }
}
