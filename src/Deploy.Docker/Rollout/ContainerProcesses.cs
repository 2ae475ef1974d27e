using Docker.DotNet.Models;

namespace Deploy.Docker.Rollout;

/// <summary>
/// The processes of one running container, as seen from this machine's <c>/proc</c>: its init process (the
/// engine's <c>State.Pid</c>), what descends from it, and whatever runs in its cgroup (<c>docker exec</c>).
/// </summary>
internal sealed class ContainerProcesses
{
    // Deeper than any real process tree; it bounds the walk should /proc change under it.
    private const int MaxDepth = 64;

    private readonly string _id;

    private ContainerProcesses(string id, int initPid, int? user)
    {
        _id = id;
        InitPid = initPid;
        User = user;
    }

    /// <summary>The container's first process, in this machine's PID namespace.</summary>
    public int InitPid { get; }

    /// <summary>The user ID the init process runs as.</summary>
    public int? User { get; }

    /// <summary>
    /// The container's processes when this machine sees them: its init PID exists here and is in the container's
    /// cgroup. Null when it does not run, or the engine runs elsewhere (another machine, another PID namespace).
    /// </summary>
    public static ContainerProcesses? Find(ContainerInspectResponse container)
    {
        if (container.State is not { Running: true, Pid: > 0 and <= int.MaxValue } state || !ProcFs.Available)
        {
            return null;
        }

        var pid = (int)state.Pid;
        return ProcFs.Cgroups(pid) is { } cgroups && cgroups.Contains(container.ID, StringComparison.Ordinal)
            ? new ContainerProcesses(container.ID, pid, ProcFs.User(pid))
            : null;
    }

    /// <summary>Whether <paramref name="pid"/> is one of the container's processes.</summary>
    public bool Contains(int pid)
    {
        if (ProcFs.Cgroups(pid) is { } cgroups && cgroups.Contains(_id, StringComparison.Ordinal))
        {
            return true;
        }

        int? current = pid;
        for (var depth = 0; current is > 1 && depth < MaxDepth; depth++)
        {
            if (current == InitPid)
            {
                return true;
            }

            current = ProcFs.Parent(current.Value);
        }

        return false;
    }
}
