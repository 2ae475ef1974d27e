using Deploy.Build.Planning;

namespace Deploy.Build;

/// <summary>
/// The graph a run plans, read-only, as the engine's planner resolves it (<see cref="BuildDescription.Plan"/>): the
/// requested targets and what they depend on and trigger, transitively, in plan order, each with its direct
/// prerequisites and why it would be skipped. Tools that mirror the graph (the GitHub workflow generator) read
/// this rather than re-derive it from the declarations, so what they show is what a run does.
/// </summary>
public sealed class PlanDescription
{
    private PlanDescription(IReadOnlyList<PlannedTargetDescription> targets) => Targets = targets;

    /// <summary>The planned targets in plan order: topological, among targets ready together the one declared first.</summary>
    public IReadOnlyList<PlannedTargetDescription> Targets { get; }

    /// <summary>A planned target by name, matched like the command line does; null when it is not in the plan.</summary>
    public PlannedTargetDescription? Find(string name) =>
        Targets.FirstOrDefault(t => Names.Normalize(t.Name) == Names.Normalize(name));

    internal static PlanDescription Create(ExecutionPlan plan) => new(plan.Targets.Select(t => new PlannedTargetDescription(
        t.Name,
        t.Order,
        t.Wave,
        t.Invoked,
        t.SkipReason,
        t.Prerequisites.OrderBy(p => p.Order).Select(p => new Prerequisite(p.Name, t.KindOf(p))).ToList())).ToList());
}
