using Deploy.Build.Definition;

namespace Deploy.Build.Planning;

/// <summary>A target in the plan, with what it waits for.</summary>
internal sealed class PlannedTarget(TargetSpec spec)
{
    public TargetSpec Spec { get; } = spec;
    public string Name => Spec.Name;

    /// <summary>Position in the plan's order (topological, ties broken by declaration order).</summary>
    public int Order { get; set; }

    /// <summary>1-based wave: 1 + the highest wave it waits for.</summary>
    public int Wave { get; set; }

    public bool Invoked { get; set; }

    /// <summary>Prerequisites whose failure keeps this target from running (DependsOn, and the target that triggered it).</summary>
    public List<PlannedTarget> Needs { get; } = [];

    /// <summary>Prerequisites it only runs after (After/Before): their outcome does not matter.</summary>
    public List<PlannedTarget> RunsAfter { get; } = [];

    /// <summary>Targets that wait for this one (either way).</summary>
    public List<PlannedTarget> Waiters { get; } = [];

    /// <summary>Why it is skipped before the run starts (static condition, --skip, --continue), or null.</summary>
    public string? SkipReason { get; set; }

    /// <summary>
    /// Skipped by --continue because it succeeded last time: it is restored from the output store when its turn
    /// comes, or runs again when it cannot be.
    /// </summary>
    public bool FromPreviousRun { get; set; }

    /// <summary>Named by <c>--force</c> (or <c>--force</c> alone): it runs even when its inputs are unchanged.</summary>
    public bool Forced { get; set; }

    public IEnumerable<PlannedTarget> Prerequisites => Needs.Concat(RunsAfter);

    /// <summary>
    /// Why it waits for <paramref name="prerequisite"/>: it depends on it, was triggered by it, or only runs after
    /// it (declared with After here, or with Before there).
    /// </summary>
    public PrerequisiteKind KindOf(PlannedTarget prerequisite) =>
        Spec.DependsOn.Contains(prerequisite.Spec.Index) ? PrerequisiteKind.DependsOn
        : prerequisite.Spec.Triggers.Contains(Spec.Index) ? PrerequisiteKind.Triggers
        : Spec.Before.Contains(prerequisite.Spec.Index) ? PrerequisiteKind.Before
        : PrerequisiteKind.After;

    public override string ToString() => Name;
}
