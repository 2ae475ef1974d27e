using Deploy.Build.Planning;
using Deploy.Build.Records;

namespace Deploy.Build.Execution;

/// <summary>
/// The chain of targets that bounded a run's wall time: from the target that finished last, back through what each
/// one waited for, to a target that waited for nothing that ran. A target waits for its prerequisite that finished
/// last before it started, or, when every slot (<c>--parallel</c>) was busy by then, for the target whose end freed
/// the slot it took: with <c>--parallel 1</c> the path is the whole sequence. The console summary (from the plan)
/// and run.html (from the run record's edges) both use it.
/// </summary>
internal static class CriticalPath
{
    /// <summary>Each planned target's prerequisites (Needs and RunsAfter), by name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Prerequisites(ExecutionPlan plan) =>
        plan.Targets.ToDictionary(t => t.Name, t => (IReadOnlyList<string>)t.Prerequisites.Select(p => p.Name).ToList(), StringComparer.Ordinal);

    /// <summary>The path of a finished run, in the order it ran; empty when no target ran.</summary>
    public static IReadOnlyList<TargetFinishedEvent> Find(IReadOnlyList<TargetFinishedEvent> targets, IReadOnlyDictionary<string, IReadOnlyList<string>> prerequisites, int parallelism) =>
        Find(targets, t => t.Name, t => t.StartedAt, t => t.FinishedAt, prerequisites, parallelism);

    /// <summary>The path of a recorded run, from its edges, in the order it ran; empty when no target ran or the record has no edges (schema 1 and 2).</summary>
    public static IReadOnlyList<RecordedTarget> Find(RecordedRun run) =>
        run.HasPrerequisites
            ? Find(run.Targets, t => t.Name, t => t.StartedAt, t => t.FinishedAt, run.Targets.ToDictionary(t => t.Name, t => (IReadOnlyList<string>)t.Prerequisites.ToList(), StringComparer.Ordinal), run.Parallelism)
            : [];

    private static List<T> Find<T>(
        IReadOnlyList<T> targets,
        Func<T, string> name,
        Func<T, DateTimeOffset?> startedAt,
        Func<T, DateTimeOffset?> finishedAt,
        IReadOnlyDictionary<string, IReadOnlyList<string>> prerequisites,
        int parallelism)
    {
        var ran = targets.Select((t, order) => (Target: t, Order: order, Name: name(t), Started: startedAt(t), Finished: finishedAt(t)))
            .Where(t => t.Started is not null && t.Finished is not null)
            .Select(t => new Timed<T>(t.Target, t.Order, t.Name, t.Started!.Value, t.Finished!.Value))
            .ToList();
        var byName = ran.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var runStart = ran.Count == 0 ? default : ran.Min(t => t.Started);
        var path = new List<Timed<T>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = Latest(ran); current is not null && seen.Add(current.Name);)
        {
            path.Add(current);
            current = WaitedFor(current, ran, byName, prerequisites, parallelism, runStart);
        }

        path.Reverse();
        return path.Select(t => t.Target).ToList();
    }

    /// <summary>What <paramref name="target"/> waited for: the prerequisite it was ready after, or the target that freed its slot.</summary>
    private static Timed<T>? WaitedFor<T>(
        Timed<T> target,
        List<Timed<T>> ran,
        Dictionary<string, Timed<T>> byName,
        IReadOnlyDictionary<string, IReadOnlyList<string>> prerequisites,
        int parallelism,
        DateTimeOffset runStart)
    {
        var prerequisite = LastPrerequisite(target, byName, prerequisites);
        var ready = prerequisite?.Finished ?? runStart;

        // It was ready at `ready` but started later: if every slot was taken until one ended, that end is what it waited for.
        var freed = Latest(ran.Where(t => t != target && t.Finished > ready && t.Finished <= target.Started && t.Finished > t.Started));
        if (freed is not null && parallelism > 0 && ran.Count(t => t != target && t.Started < freed.Finished && t.Finished >= freed.Finished) >= parallelism)
        {
            return freed;
        }

        return prerequisite;
    }

    /// <summary>
    /// The prerequisite that finished last before <paramref name="target"/> started. One that never ran (skipped, not
    /// run) has no times: it stands for its own prerequisites, whose end is what it was settled at.
    /// </summary>
    private static Timed<T>? LastPrerequisite<T>(
        Timed<T> target,
        Dictionary<string, Timed<T>> byName,
        IReadOnlyDictionary<string, IReadOnlyList<string>> prerequisites)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(prerequisites.GetValueOrDefault(target.Name) ?? []);
        Timed<T>? latest = null;
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name))
            {
                continue;
            }

            if (!byName.TryGetValue(name, out var prerequisite))
            {
                foreach (var further in prerequisites.GetValueOrDefault(name) ?? [])
                {
                    pending.Push(further);
                }
            }
            else if (prerequisite.Finished <= target.Started && (latest is null || prerequisite.Finished > latest.Finished))
            {
                latest = prerequisite;
            }
        }

        return latest;
    }

    /// <summary>The one that finished last; of targets finishing together, the later in plan order (it waited for the others).</summary>
    private static Timed<T>? Latest<T>(IEnumerable<Timed<T>> targets)
    {
        Timed<T>? last = null;
        foreach (var target in targets)
        {
            if (last is null || target.Finished > last.Finished || (target.Finished == last.Finished && target.Order > last.Order))
            {
                last = target;
            }
        }

        return last;
    }

    private sealed record Timed<T>(T Target, int Order, string Name, DateTimeOffset Started, DateTimeOffset Finished);
}
