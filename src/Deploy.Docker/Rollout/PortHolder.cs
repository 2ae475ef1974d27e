using System.Globalization;

namespace Deploy.Docker.Rollout;

/// <summary>A socket listening on a port, and the processes that hold it open (empty when this user may not see them).</summary>
internal sealed record PortHolder(ListeningSocket Socket, IReadOnlyList<int> Processes)
{
    /// <summary>
    /// Who listens on <paramref name="port"/> in the network namespace of <paramref name="namespacePid"/> (null: this
    /// process's), found through the sockets' inodes in every process's <c>/proc/PID/fd</c>.
    /// </summary>
    public static IReadOnlyList<PortHolder> On(int port, int? namespacePid)
    {
        var sockets = ProcFs.ListeningOn(port, namespacePid);
        if (sockets.Count == 0)
        {
            return [];
        }

        var holders = ProcFs.Holders(sockets.Select(s => s.Inode).ToHashSet());
        return [.. sockets.Select(s => new PortHolder(s, holders.TryGetValue(s.Inode, out var pids) ? pids : []))];
    }

    /// <summary>For messages: <c>process 1234 (python3 -m http.server 8080)</c>, or the socket's owner when no process is visible.</summary>
    public string Describe(Func<int, bool>? except = null)
    {
        var shown = Processes.Where(pid => except?.Invoke(pid) != true).ToList();
        if (shown.Count == 0)
        {
            return $"a process this user cannot see (the socket {Socket} belongs to user ID {Socket.User.ToString(CultureInfo.InvariantCulture)}; `sudo ss -ltnp 'sport = :{Socket.Port.ToString(CultureInfo.InvariantCulture)}'` names it)";
        }

        return string.Join(
            " and ",
            shown.Select(pid => $"process {pid.ToString(CultureInfo.InvariantCulture)}{(ProcFs.Command(pid) is { } command ? $" ({command})" : "")}"));
    }
}
