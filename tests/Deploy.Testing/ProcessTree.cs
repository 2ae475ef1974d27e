using System.Globalization;

namespace Deploy.Testing;

/// <summary>Reads the process tree from /proc (Linux), to prove a cancelled build left nothing running.</summary>
public static class ProcessTree
{
    /// <summary>The parent of a running process, or null when it is gone.</summary>
    public static int? ParentOf(int pid) => Stat(pid) is { } stat ? stat.Parent : null;

    /// <summary>Whether a process is running: it exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsRunning(int pid) => Stat(pid) is { } stat && stat.State is not ('Z' or 'X');

    /// <summary>The process and all its descendants.</summary>
    public static IReadOnlyList<int> TreeOf(int root)
    {
        var parents = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Parent: ParentOf(pid)))
            .Where(p => p.Parent is not null)
            .ToList();
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Parent == tree[i]).Select(p => p.Pid));
        }

        return tree;
    }

    /// <summary>The ancestor of <paramref name="pid"/> that is a direct child of <paramref name="ancestor"/>.</summary>
    public static int? ChildOnPathTo(int pid, int ancestor)
    {
        for (int? current = pid; current is { } c; current = ParentOf(c))
        {
            if (ParentOf(c) == ancestor)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>
    /// Waits until none of the processes runs. A process killed with SIGKILL disappears within moments, but not
    /// at the instant kill() returns; the bound only turns a leak into a failure instead of a hang.
    /// </summary>
    public static async Task<IReadOnlyList<int>> StillRunningAfterAsync(IEnumerable<int> pids, TimeSpan bound)
    {
        var list = pids.ToList();
        try
        {
            await Poll.UntilAsync(() => !list.Any(IsRunning), bound, "the processes to end");
        }
        catch (TimeoutException)
        {
            // The caller asserts on what is left, naming the processes.
        }

        return list.Where(IsRunning).ToList();
    }

    private static (char State, int Parent)? Stat(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
