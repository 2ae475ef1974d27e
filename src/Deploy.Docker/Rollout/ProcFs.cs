using System.Globalization;

namespace Deploy.Docker.Rollout;

/// <summary>
/// What Linux's <c>/proc</c> says about listening TCP sockets and the processes that hold them
/// (<a href="https://docs.kernel.org/filesystems/proc.html">proc(5)</a>): the socket tables of a network namespace
/// (<c>/proc/PID/net/tcp</c>, <c>tcp6</c>), each process's open sockets (<c>/proc/PID/fd</c> links
/// <c>socket:[INODE]</c>), its command line, parent, user and cgroups. A process that exits while it is read, or
/// whose <c>fd</c> directory this user may not read, is left out rather than failing the read.
/// </summary>
internal static class ProcFs
{
    private const string Root = "/proc";

    // The state column of /proc/net/tcp: 0A is TCP_LISTEN (include/net/tcp_states.h).
    private const string Listen = "0A";

    /// <summary>Whether this machine has a <c>/proc</c> with socket tables (Linux).</summary>
    public static bool Available => File.Exists($"{Root}/self/net/tcp");

    /// <summary>
    /// The listening TCP sockets (IPv4 and IPv6) on <paramref name="port"/>, in the network namespace of process
    /// <paramref name="pid"/> (null: this process's).
    /// </summary>
    public static IReadOnlyList<ListeningSocket> ListeningOn(int port, int? pid)
    {
        var directory = $"{Root}/{(pid is { } p ? p.ToString(CultureInfo.InvariantCulture) : "self")}/net";
        var sockets = new List<ListeningSocket>();
        foreach (var table in new[] { "tcp", "tcp6" })
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(Path.Combine(directory, table));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // No IPv6 on this machine (no tcp6), or the process exited.
                continue;
            }

            foreach (var line in lines.Skip(1))
            {
                if (ListeningSocket.Parse(line, Listen) is { } socket && socket.Port == port)
                {
                    sockets.Add(socket);
                }
            }
        }

        return sockets;
    }

    /// <summary>The processes that hold each of <paramref name="inodes"/> open, as far as this user may see them.</summary>
    public static IReadOnlyDictionary<long, List<int>> Holders(IReadOnlySet<long> inodes)
    {
        var holders = new Dictionary<long, List<int>>();
        foreach (var pid in Processes())
        {
            IEnumerable<string> descriptors;
            try
            {
                descriptors = Directory.GetFileSystemEntries($"{Root}/{pid.ToString(CultureInfo.InvariantCulture)}/fd");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var descriptor in descriptors)
            {
                if (SocketInode(descriptor) is { } inode && inodes.Contains(inode))
                {
                    if (!holders.TryGetValue(inode, out var pids))
                    {
                        holders[inode] = pids = [];
                    }

                    if (!pids.Contains(pid))
                    {
                        pids.Add(pid);
                    }
                }
            }
        }

        return holders;
    }

    /// <summary>The command line of <paramref name="pid"/> (arguments joined by spaces, shortened); null when it is gone.</summary>
    public static string? Command(int pid)
    {
        var text = Read(pid, "cmdline")?.Replace('\0', ' ').Trim();
        if (string.IsNullOrEmpty(text))
        {
            // Kernel threads and zombies have no command line; their name is in comm.
            text = Read(pid, "comm")?.Trim();
        }

        return text is { Length: > 120 } ? text[..117] + "..." : text;
    }

    /// <summary>The parent of <paramref name="pid"/>; null when it is gone.</summary>
    public static int? Parent(int pid) => StatusField(pid, "PPid:");

    /// <summary>The real user ID <paramref name="pid"/> runs as; null when it is gone.</summary>
    public static int? User(int pid) => StatusField(pid, "Uid:");

    /// <summary>The cgroup paths of <paramref name="pid"/> (<c>/proc/PID/cgroup</c>); null when it is gone.</summary>
    public static string? Cgroups(int pid) => Read(pid, "cgroup");

    private static IEnumerable<int> Processes()
    {
        foreach (var entry in Directory.EnumerateDirectories(Root))
        {
            if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    private static long? SocketInode(string descriptor)
    {
        string? target;
        try
        {
            target = new FileInfo(descriptor).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "socket:[153851]"
        return target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && target.EndsWith(']')
            && long.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            ? inode
            : null;
    }

    private static int? StatusField(int pid, string field)
    {
        var line = Read(pid, "status")?.Split('\n').FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        var value = line?[field.Length..].Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    private static string? Read(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"{Root}/{pid.ToString(CultureInfo.InvariantCulture)}/{file}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
