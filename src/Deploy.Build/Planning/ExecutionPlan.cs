namespace Deploy.Build.Planning;

/// <summary>The targets a run executes, in order, each knowing what it waits for.</summary>
internal sealed class ExecutionPlan(IReadOnlyList<PlannedTarget> targets)
{
    public IReadOnlyList<PlannedTarget> Targets { get; } = targets;

    /// <summary>Targets grouped by the wave in which they may run together.</summary>
    public IReadOnlyList<IReadOnlyList<PlannedTarget>> Waves =>
        Targets.GroupBy(t => t.Wave).OrderBy(g => g.Key).Select(g => (IReadOnlyList<PlannedTarget>)g.ToList()).ToList();
}
