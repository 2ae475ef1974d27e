namespace Deploy.Build;

/// <summary>A target in a <see cref="PlanDescription"/>: where the planner put it and what it waits for.</summary>
/// <param name="Name">The target's name.</param>
/// <param name="Order">Its position in the plan (the order a run with one slot starts targets in).</param>
/// <param name="Wave">1-based: one more than the highest wave of what it waits for; targets of one wave may run together.</param>
/// <param name="Invoked">Whether it was asked for (named, or a default target) rather than brought in by another.</param>
/// <param name="SkipReason">Why the planner skips it before the run starts (a static condition's text, <c>--skip</c>, <c>only needed by skipped X</c>), or null.</param>
/// <param name="Prerequisites">The planned targets it waits for directly, each with its kind, in plan order.</param>
public sealed record PlannedTargetDescription(
    string Name,
    int Order,
    int Wave,
    bool Invoked,
    string? SkipReason,
    IReadOnlyList<Prerequisite> Prerequisites);
