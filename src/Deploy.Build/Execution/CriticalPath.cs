using Deploy.Build.Planning;

namespace Deploy.Build.Execution;

/// <summary>
/// The chain of targets that bounded a run's wall time: from the target that finished last, back through
/// the prerequisite that finished last before it started, to a target that waited for nothing that ran.
/// </summary>
internal static class CriticalPath
{
    /// <summary>Each planned target's prerequisites (Needs and RunsAfter), by name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Prerequisites(ExecutionPlan plan) =>
        plan.Targets.ToDictionary(t => t.Name, t => (IReadOnlyList<string>)t.Prerequisites.Select(p => p.Name).ToList(), StringComparer.Ordinal);

    /// <summary>The path in the order it ran; empty when no target ran.</summary>
    public static IReadOnlyList<TargetFinishedEvent> Find(IReadOnlyList<TargetFinishedEvent> targets, IReadOnlyDictionary<string, IReadOnlyList<string>> prerequisites)
    {
        var byName = targets.ToDictionary(t => t.Name, StringComparer.Ordinal);
        TargetFinishedEvent? last = null;
        foreach (var target in targets.Where(t => t.FinishedAt is not null))
        {
            // ">=": of targets finishing together, the later in plan order is the one that waited for the others.
            if (last is null || target.FinishedAt >= last.FinishedAt)
            {
                last = target;
            }
        }

        var path = new List<TargetFinishedEvent>();
        for (var current = last; current is not null; current = LastBefore(current, byName, prerequisites))
        {
            path.Add(current);
        }

        path.Reverse();
        return path;
    }

    /// <summary>
    /// The prerequisite that finished last before <paramref name="target"/> started. One that never ran (skipped,
    /// not run) has no times: it stands for its own prerequisites, whose end is what it was settled at.
    /// </summary>
    private static TargetFinishedEvent? LastBefore(
        TargetFinishedEvent target,
        Dictionary<string, TargetFinishedEvent> byName,
        IReadOnlyDictionary<string, IReadOnlyList<string>> prerequisites)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(prerequisites.GetValueOrDefault(target.Name) ?? []);
        TargetFinishedEvent? latest = null;
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name) || !byName.TryGetValue(name, out var prerequisite))
            {
                continue;
            }

            if (prerequisite.FinishedAt is not { } finished)
            {
                foreach (var further in prerequisites.GetValueOrDefault(name) ?? [])
                {
                    pending.Push(further);
                }
            }
            else if (finished <= target.StartedAt && (latest is null || finished > latest.FinishedAt))
            {
                latest = prerequisite;
            }
        }

        return latest;
    }
}
