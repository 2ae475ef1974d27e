using System.Globalization;
using Docker.DotNet.Models;

namespace Deploy.Docker.Rollout;

/// <summary>
/// With host networking the service's port belongs to whichever process binds it, so a health check on it proves
/// nothing by itself: another process may answer while the new container crash-loops unable to bind. These checks
/// make sure the port is the service's: before anything changes (free, or held only by the running version), once
/// the running version stopped (free), and while the health check runs (held by the new container only).
/// </summary>
internal static class PortGuard
{
    private const string SeeFix = "run the build on the engine's machine, or run the service with --publish HOST_PORT:CONTAINER_PORT.";

    /// <summary>Throws, with nothing changed, when the port is held by anything but the running version.</summary>
    public static void BeforeChange(DockerRolloutRequest request, ContainerInspectResponse? running)
    {
        var port = request.Port;
        RequireProcFs(port);
        ContainerProcesses? version = null;
        int? networkOf = null;
        if (running is { State.Running: true })
        {
            version = ContainerProcesses.Find(running) ?? throw Unchanged(
                $"With {CannotSee(request.ContainerName, running, port)}. Nothing was changed: {SeeFix}");
            if (running.HostConfig?.NetworkMode == "host")
            {
                networkOf = version.InitPid;
            }
        }

        foreach (var holder in PortHolder.On(port, networkOf))
        {
            if (holder.Processes.Count == 0 && version is not null)
            {
                // Maybe the running version's, maybe not: this user cannot see. The port must be free once it stopped.
                continue;
            }

            if (version is not null && holder.Processes.All(version.Contains))
            {
                continue;
            }

            var whose = version is null ? "" : $", not by the running version '{request.ContainerName}'";
            throw Unchanged(
                $"Port {Text(port)} is already in use by {holder.Describe(version is null ? null : version.Contains)}{whose}, so the new version could not listen on it " +
                $"(it listens on {holder.Socket}). Nothing was changed: stop that process, or give the service another --service-port.");
        }
    }

    /// <summary>Throws when anything listens on the port between the running version's stop and the new version's start.</summary>
    public static void FreeBeforeStart(int port)
    {
        if (PortHolder.On(port, null) is [var holder, ..])
        {
            throw new DockerRolloutException($"port {Text(port)} was still in use once the running version had stopped, by {holder.Describe()} (on {holder.Socket}), so the new version could not listen on it.");
        }
    }

    /// <summary>
    /// Null when the new container's processes, and only they, listen on the port; else why not yet (nothing listens).
    /// Throws when another process listens on it: whatever answers the health check then is not the new version.
    /// </summary>
    public static string? HeldByNewVersion(int port, ContainerProcesses container)
    {
        var holders = PortHolder.On(port, container.InitPid);
        if (holders.Count == 0)
        {
            return $"nothing listens on port {Text(port)} yet";
        }

        foreach (var holder in holders)
        {
            // A socket of processes this user cannot see counts as the container's when it is of the container's
            // user: the port was free when the container started, and only its processes started since.
            var ours = holder.Processes.Count == 0 ? holder.Socket.User == container.User : holder.Processes.All(container.Contains);
            if (!ours)
            {
                throw new DockerRolloutException(
                    $"port {Text(port)} is held by {holder.Describe(container.Contains)} (on {holder.Socket}), not by the new container, so what answered the health check was not the new version.");
            }
        }

        return null;
    }

    /// <summary>Throws (rolled back) when the new container's processes are not visible here: its port cannot be checked.</summary>
    public static ContainerProcesses NewVersion(DockerRolloutRequest request, ContainerInspectResponse container) =>
        ContainerProcesses.Find(container) ?? throw new DockerRolloutException($"with {CannotSee(request.ContainerName, container, request.Port)}. {char.ToUpperInvariant(SeeFix[0])}{SeeFix[1..]}");

    private static void RequireProcFs(int port)
    {
        if (!ProcFs.Available)
        {
            throw Unchanged(
                $"With host networking Deploy checks who listens on port {Text(port)} through Linux's /proc, which this machine does not have. " +
                "Nothing was changed: run the service with --publish HOST_PORT:CONTAINER_PORT.");
        }
    }

    // "With " or "with " goes in front, as the sentence starts or continues.
    private static string CannotSee(string name, ContainerInspectResponse container, int port) =>
        $"host networking Deploy must see which process listens on port {Text(port)}, but the processes of the engine's containers are not visible on this machine " +
        $"('{name}' runs as PID {container.State.Pid.ToString(CultureInfo.InvariantCulture)} on the engine, which is not that container here: the engine runs on another machine or in another PID namespace)";

    private static DockerRolloutException Unchanged(string message) => new(message) { PreviousVersionRestored = true };

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
