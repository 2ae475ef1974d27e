namespace Deploy.Build.Reports;

/// <summary>
/// The critical path as far as run.json alone can tell. The record has no edges (the engine's own
/// <c>Execution.CriticalPath</c> follows the plan's prerequisites; a saved record cannot), so this is an
/// approximation: from the target that finished last, repeatedly step to the target that finished last at or
/// before the current one started (allowing 50 ms for scheduling), until none did. When targets ran in
/// parallel, that is the one the current target most likely waited for, but it may be one it did not depend on.
/// </summary>
internal static class RunCriticalPath
{
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(50);

    /// <summary>The names on the path, in the order they ran; empty when no target ran.</summary>
    public static IReadOnlyList<string> Find(IReadOnlyList<ReportedTarget> targets)
    {
        var ran = targets.Where(t => t.StartedAt is not null && t.FinishedAt is not null).ToList();
        ReportedTarget? current = null;
        foreach (var target in ran)
        {
            // ">=": of targets finishing together, the later in the record (plan order) waited for the others.
            if (current is null || target.FinishedAt >= current.FinishedAt)
            {
                current = target;
            }
        }

        var path = new List<string>();
        var seen = new HashSet<ReportedTarget>();
        while (current is not null && seen.Add(current))
        {
            path.Add(current.Name);
            var start = current.StartedAt!.Value;
            ReportedTarget? previous = null;
            foreach (var target in ran)
            {
                if (!seen.Contains(target) && target.FinishedAt <= start + Slack && target.StartedAt <= start
                    && (previous is null || target.FinishedAt >= previous.FinishedAt))
                {
                    previous = target;
                }
            }

            current = previous;
        }

        path.Reverse();
        return path;
    }
}
