using Deploy.Build;
using Deploy.Docker.Building;
using Deploy.Docker.Engine;
using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Deploy.Docker;

/// <summary>
/// Removes old images a Deploy build made (they carry its inputs label) for one repository from the local engine,
/// keeping the newest ones and never one a container (running or stopped) was created from.
/// </summary>
public static class ImageHousekeeping
{
    /// <summary>The problem with a <c>--keep-images</c> value, as a sentence; null when it is at least 1.</summary>
    public static string? KeepProblem(int keep) =>
        keep >= 1 ? null : $"--keep-images is {keep}, but at least the deployed image must stay. Give 1 or more (default 3).";

    /// <summary>
    /// Keeps the newest <paramref name="keep"/> images of <paramref name="image"/>'s repository that a Deploy build made
    /// (<paramref name="image"/> among them), removes the others no container uses, and returns the IDs removed. A
    /// removal the engine refuses is logged and left.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RemoveOldAsync(
        ContainerImage image, int keep, string? dockerHost, IReadOnlyDictionary<string, string> environment, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(log);
        if (KeepProblem(keep) is { } problem)
        {
            throw new DeployException(problem);
        }

        using var client = await DockerEngine.ConnectAsync(dockerHost, environment, cancellationToken).ConfigureAwait(false);
        var images = await client.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [ImageRequest.InputsLabel] = true },
                ["reference"] = new Dictionary<string, bool> { [image.Repository] = true },
            },
        }, cancellationToken).ConfigureAwait(false);
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, cancellationToken).ConfigureAwait(false);
        var used = containers.Select(c => c.ImageID).ToHashSet(StringComparer.Ordinal);

        var newestFirst = images.OrderByDescending(i => i.ID == image.ImageId).ThenByDescending(i => i.Created).ToList();
        var removed = new List<string>();
        foreach (var old in newestFirst.Skip(keep).Where(i => !used.Contains(i.ID)))
        {
            try
            {
                // Forced: an image with several tags (the commit, latest) is removed by ID only so.
                await client.Images.DeleteImageAsync(old.ID, new ImageDeleteParameters { Force = true }, cancellationToken).ConfigureAwait(false);
                removed.Add(old.ID);
            }
            catch (DockerApiException exception)
            {
                log.Warning("Could not remove the old image {ImageId}: {Message}", old.ID, exception.Message);
            }
        }

        if (removed.Count > 0)
        {
            log.Information("Removed {Count} old image(s) of {Repository}, keeping the newest {Keep}: {Images}", removed.Count, image.Repository, keep, string.Join(", ", removed));
        }

        return removed;
    }
}
