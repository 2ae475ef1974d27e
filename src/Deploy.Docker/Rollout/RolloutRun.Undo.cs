using Docker.DotNet.Models;

namespace Deploy.Docker.Rollout;

/// <summary>Undoing a rollout that succeeded, and letting go of the previous version it kept.</summary>
internal sealed partial class RolloutRun
{
    /// <summary>
    /// Removes the new container and brings the kept previous version back under the service's name, running; with
    /// no previous version, only removes the new container. Checks first that both containers are still the ones
    /// <paramref name="result"/> names (nothing is changed otherwise), then runs to the end even when cancelled (bounded).
    /// </summary>
    public async Task<DockerRolloutResult> RollBackAsync(DockerRolloutRequest request, DockerRolloutResult result, CancellationToken cancellationToken)
    {
        if (result.RolledBack)
        {
            return result;
        }

        return await UndoAsync(request, result, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the kept previous version (stopped, <c>NAME-previous</c>) once the new one is accepted.</summary>
    public async Task<DockerRolloutResult> RemovePreviousAsync(DockerRolloutRequest request, DockerRolloutResult result, CancellationToken cancellationToken)
    {
        if (result.PreviousContainerId is not { } kept)
        {
            return result;
        }

        var parked = await FindAsync(request.PreviousName, cancellationToken).ConfigureAwait(false);
        if (parked is not null && parked.ID != kept)
        {
            throw new DockerRolloutException(
                $"'{request.PreviousName}' is the container {Short(parked.ID)}, not the previous version this rollout kept ({Short(kept)}), so it was left alone. Remove it yourself (docker rm {request.PreviousName}) if it is not needed.");
        }

        if (parked is not null)
        {
            log.Information("Removing the previous version ({Image}) kept as '{Parked}'", parked.Image, request.PreviousName);
            await docker.Containers.RemoveContainerAsync(parked.ID, new ContainerRemoveParameters(), cancellationToken).ConfigureAwait(false);
        }

        return result with { PreviousContainerId = null };
    }

    private async Task<DockerRolloutResult> UndoAsync(DockerRolloutRequest request, DockerRolloutResult result, CancellationToken cancellationToken)
    {
        var current = await FindAsync(request.ContainerName, cancellationToken).ConfigureAwait(false);
        if (current?.ID != result.ContainerId)
        {
            var now = current is null ? "there is no such container now" : $"it is now the container {Short(current.ID)}";
            throw new DockerRolloutException(
                $"Cannot roll back '{request.ContainerName}': the rollout started the container {Short(result.ContainerId)}, but {now}, so something replaced it since. Nothing was changed.")
            { PreviousVersionRestored = false };
        }

        ContainerInspectResponse? previous = null;
        if (result.PreviousImageId is { } previousImage)
        {
            if (result.PreviousContainerId is not { } kept)
            {
                throw new DockerRolloutException(
                    $"Cannot roll back '{request.ContainerName}': the previous version ({Short(previousImage)}) was removed once the new one was healthy. Nothing was changed: roll out with KeepPrevious to be able to roll back, or roll the previous image out again.")
                { PreviousVersionRestored = false };
            }

            previous = await FindAsync(request.PreviousName, cancellationToken).ConfigureAwait(false);
            if (previous?.ID != kept)
            {
                throw new DockerRolloutException(
                    $"Cannot roll back '{request.ContainerName}': the previous version it kept as '{request.PreviousName}' ({Short(kept)}) is gone. Nothing was changed: roll the previous image ({Short(previousImage)}) out again.")
                { PreviousVersionRestored = false };
            }
        }

        log.Warning("Rolling back '{Name}' from {Image} to {Previous}", request.ContainerName, result.Image, previous?.Image ?? "no version (there was none before)");

        // From here on the service is changing: the new version stops gracefully (Docker bounds the stop), then it goes
        // and the previous one comes back, whatever the token says, so a Ctrl+C never leaves neither running.
        await docker.Containers.StopContainerAsync(result.ContainerId, new ContainerStopParameters { WaitBeforeKillSeconds = 10 }, CancellationToken.None).ConfigureAwait(false);
        if (!await RestoreAsync(request, result.ContainerId, previous, start: true).ConfigureAwait(false))
        {
            throw new DockerRolloutException(
                $"Rolling back '{request.ContainerName}' failed: the new version is stopped, and the previous one could NOT be started again. Look for the container '{request.PreviousName}', rename it to '{request.ContainerName}' and start it.")
            { PreviousVersionRestored = false };
        }

        return result with { RolledBack = true, PreviousContainerId = null };
    }
}
