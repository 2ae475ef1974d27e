using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Deploy.Docker.Rollout;

/// <summary>Parking the previous version while the new one proves itself, and putting it back.</summary>
internal sealed partial class RolloutRun
{
    private const int LogLines = 20;

    /// <summary>The version that serves now: <c>NAME</c>, or <c>NAME-previous</c> left by an interrupted rollout; null when there is none.</summary>
    private async Task<ServingVersion> FindServingVersionAsync(DockerRolloutRequest request, CancellationToken cancellationToken)
    {
        var current = await FindAsync(request.ContainerName, cancellationToken).ConfigureAwait(false);
        var parked = await FindAsync(request.PreviousName, cancellationToken).ConfigureAwait(false);
        if (parked is not null && current is not null && IsKeptBy(current, parked))
        {
            log.Information("Removing '{Parked}', the previous version an earlier rollout kept ({Image})", request.PreviousName, parked.Image);
            await docker.Containers.RemoveContainerAsync(parked.ID, new ContainerRemoveParameters(), cancellationToken).ConfigureAwait(false);
            parked = null;
        }

        if (parked is not null && current is not null)
        {
            throw new DockerRolloutException(
                $"Both '{request.ContainerName}' and '{request.PreviousName}' exist, so an earlier rollout was killed before it could tidy up, and which one should serve is unknown. Nothing was changed: remove the one you do not want (docker rm -f NAME), then run the rollout again.")
            { PreviousVersionRestored = true };
        }

        return new ServingVersion(parked ?? current, Parked: parked is not null);
    }

    /// <summary>
    /// Whether <paramref name="parked"/> is the stopped previous version a successful rollout kept: the container it
    /// replaced (its <see cref="PreviousLabel"/>), proven healthy (only then does it get its restart policy).
    /// </summary>
    private static bool IsKeptBy(ContainerInspectResponse current, ContainerInspectResponse parked) =>
        !parked.State.Running
        && current.Config?.Labels is { } labels && labels.TryGetValue(PreviousLabel, out var replaced) && replaced == parked.ID
        && current.HostConfig?.RestartPolicy?.Name == RestartPolicyKind.UnlessStopped;

    /// <summary>Stops the serving version and renames it <c>NAME-previous</c>; null when there is none.</summary>
    private async Task<ContainerInspectResponse?> ParkAsync(DockerRolloutRequest request, ServingVersion serving, CancellationToken cancellationToken)
    {
        var current = serving.Container;
        if (current is not null && serving.Parked)
        {
            // An earlier rollout was killed while the previous version was parked: that one is what was serving.
            log.Warning("Found '{Parked}' left by an interrupted rollout; treating it as the running version", request.PreviousName);
            await docker.Containers.RenameContainerAsync(current.ID, new ContainerRenameParameters { NewName = request.ContainerName }, cancellationToken).ConfigureAwait(false);
        }

        if (current is null)
        {
            log.Information("No container named '{Name}' yet: this is the first version", request.ContainerName);
            return null;
        }

        log.Information("Stopping the running version ({Image}) and keeping it as '{Parked}'", current.Image, request.PreviousName);
        // From here on the service is changing: no cancellation until the previous version is parked under its
        // new name (Docker bounds the stop itself), so a Ctrl+C never leaves it stopped but not parked.
        await docker.Containers.StopContainerAsync(current.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 10 }, CancellationToken.None).ConfigureAwait(false);
        await docker.Containers.RenameContainerAsync(current.ID, new ContainerRenameParameters { NewName = request.PreviousName }, CancellationToken.None).ConfigureAwait(false);
        return current;
    }

    /// <summary>
    /// Removes the failed container and brings the previous version back under its name, running if it was.
    /// Runs to the end even when the rollout was cancelled (bounded), so a Ctrl+C never leaves the service down.
    /// </summary>
    private async Task<bool> RestoreAsync(DockerRolloutRequest request, string? failedId, ContainerInspectResponse? previous, bool start)
    {
        using var limit = new CancellationTokenSource(RestoreLimit, time);
        var cancellationToken = limit.Token;
        try
        {
            if (failedId is not null)
            {
                await docker.Containers.RemoveContainerAsync(failedId, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
            }
            else if (await FindAsync(request.ContainerName, cancellationToken).ConfigureAwait(false) is { } halfCreated)
            {
                // Cancelled between create and its answer: the container may exist without us knowing its ID.
                await docker.Containers.RemoveContainerAsync(halfCreated.ID, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
            }

            if (previous is null)
            {
                return true;
            }

            await docker.Containers.RenameContainerAsync(previous.ID, new ContainerRenameParameters { NewName = request.ContainerName }, cancellationToken).ConfigureAwait(false);
            if (start)
            {
                await docker.Containers.StartContainerAsync(previous.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            }

            log.Warning("Rolled back: '{Name}' runs the previous version ({Image}) again", request.ContainerName, previous.Image);
            return true;
        }
        catch (Exception failure) when (failure is DockerApiException or OperationCanceledException or HttpRequestException)
        {
            log.Error("Could not restore the previous version of '{Name}': {Reason}", request.ContainerName, failure.Message);
            return false;
        }
    }

    private async Task<ContainerInspectResponse?> FindAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var found = await docker.Containers.InspectContainerAsync(name, cancellationToken).ConfigureAwait(false);

            // Docker resolves a name to an ID prefix too; only an exact name counts.
            return found.Name.TrimStart('/') == name ? found : null;
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    private async Task<string> TailLogsAsync(string containerId)
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
            using var stream = await docker.Containers.GetContainerLogsAsync(
                containerId,
                tty: false,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = LogLines.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                limit.Token).ConfigureAwait(false);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(limit.Token).ConfigureAwait(false);
            var lines = (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var text = new StringBuilder();
            foreach (var line in lines.TakeLast(LogLines))
            {
                text.Append("  | ").AppendLine(line);
            }

            return text.ToString().TrimEnd();
        }
        catch (Exception failure) when (failure is DockerApiException or OperationCanceledException or IOException)
        {
            return "";
        }
    }
}
