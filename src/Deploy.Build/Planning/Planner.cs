using Deploy.Build.Definition;

namespace Deploy.Build.Planning;

/// <summary>
/// Turns a build model and a request into an <see cref="ExecutionPlan"/>, or into the complete list of
/// what is wrong (unknown targets, cycles, unmet requirements): nothing runs unless everything is right.
/// </summary>
internal static class Planner
{
    public const string ContinueReason = "succeeded in the previous run (--continue)";

    /// <param name="model">The build's targets.</param>
    /// <param name="request">What was asked for.</param>
    /// <param name="defaultTargets">Targets to run when none were named.</param>
    /// <param name="describeParameter">
    /// Maps a requirement's text (e.g. "ApiKey") to how to set that parameter ("--api-key (env API_KEY)"),
    /// or null when the requirement is not a parameter.
    /// </param>
    public static PlanResult Plan(
        BuildModel model,
        PlanRequest request,
        IReadOnlyList<string> defaultTargets,
        Func<string, string?>? describeParameter = null)
    {
        var graph = Graph(model, request, defaultTargets);
        if (graph.Plan is not { } plan)
        {
            return graph;
        }

        var problems = new List<string>(graph.Problems);
        CheckRequirements(plan, describeParameter, problems);
        foreach (var problem in Validate(plan.Targets))
        {
            if (!problems.Contains(problem))
            {
                problems.Add(problem);
            }
        }

        // The plan comes back with its problems: the run record of an invalid run lists the targets that did not run.
        return new PlanResult(plan, problems);
    }

    /// <summary>
    /// The graph alone: the targets planned for <paramref name="request"/>, ordered, with their skips, but without
    /// running the requirement and <see cref="ITargetDefinition.Validates"/> checks (tools that describe the graph,
    /// such as the workflow generator, need the shape, not this invocation's parameter values).
    /// </summary>
    public static PlanResult Graph(BuildModel model, PlanRequest request, IReadOnlyList<string> defaultTargets)
    {
        var problems = new List<string>(model.Problems);
        problems.AddRange(Cycles.Find(model).Select(cycle => $"Dependency cycle: {string.Join(" -> ", cycle)}"));

        var names = request.Targets.Count > 0 ? request.Targets : defaultTargets;
        if (names.Count == 0)
        {
            problems.Add("No target given and the build has no default target. Name one (see --help).");
        }

        var invoked = Resolve(model, names, "target", problems);
        var skipped = request.Skip is null ? [] : Resolve(model, request.Skip, "target to --skip", problems);
        var forced = request.Force is null ? [] : Resolve(model, request.Force, "target to --force", problems);
        if (problems.Count > 0)
        {
            return new PlanResult(null, problems);
        }

        var plan = Order(Collect(model, invoked));
        foreach (var target in plan.Targets)
        {
            target.Forced = request.Force is { Count: 0 } || forced.Contains(target.Spec);
        }

        ApplySkips(plan, request, skipped, problems);
        return new PlanResult(plan, problems);
    }

    private static List<TargetSpec> Resolve(BuildModel model, IReadOnlyList<string> names, string what, List<string> problems)
    {
        var found = new List<TargetSpec>();
        foreach (var name in names)
        {
            var target = model.Find(name);
            if (target is not null)
            {
                if (!found.Contains(target))
                {
                    found.Add(target);
                }

                continue;
            }

            var nearest = Names.Nearest(name, model.Targets.Select(t => t.Name));
            problems.Add(nearest is null
                ? $"Unknown {what} '{name}'. Run with --help to list the targets."
                : $"Unknown {what} '{name}'. Did you mean '{nearest}'?");
        }

        return found;
    }

    /// <summary>The invoked targets plus everything they depend on or trigger, transitively.</summary>
    private static Dictionary<int, PlannedTarget> Collect(BuildModel model, List<TargetSpec> invoked)
    {
        var planned = new Dictionary<int, PlannedTarget>();
        var work = new Stack<TargetSpec>(invoked);
        while (work.Count > 0)
        {
            var spec = work.Pop();
            if (planned.ContainsKey(spec.Index))
            {
                continue;
            }

            planned[spec.Index] = new PlannedTarget(spec);
            foreach (var next in spec.DependsOn.Concat(spec.Triggers))
            {
                work.Push(model.Targets[next]);
            }
        }

        foreach (var spec in invoked)
        {
            planned[spec.Index].Invoked = true;
        }

        foreach (var target in planned.Values)
        {
            var spec = target.Spec;
            AddEdges(target, target.Needs, spec.DependsOn.Select(i => planned[i]));
            AddEdges(target, target.RunsAfter, spec.After.Where(planned.ContainsKey).Select(i => planned[i]));
            foreach (var triggered in spec.Triggers)
            {
                AddEdges(planned[triggered], planned[triggered].Needs, [target]);
            }
        }

        return planned;
    }

    private static void AddEdges(PlannedTarget waiter, List<PlannedTarget> list, IEnumerable<PlannedTarget> prerequisites)
    {
        foreach (var prerequisite in prerequisites)
        {
            if (!waiter.Needs.Contains(prerequisite) && !waiter.RunsAfter.Contains(prerequisite))
            {
                list.Add(prerequisite);
                prerequisite.Waiters.Add(waiter);
            }
        }
    }

    /// <summary>Kahn's algorithm; among ready targets the one declared first goes first (deterministic).</summary>
    private static ExecutionPlan Order(Dictionary<int, PlannedTarget> planned)
    {
        var waiting = planned.Values.ToDictionary(t => t, t => t.Needs.Count + t.RunsAfter.Count);
        var ready = new PriorityQueue<PlannedTarget, int>();
        foreach (var (target, count) in waiting)
        {
            if (count == 0)
            {
                ready.Enqueue(target, target.Spec.Index);
            }
        }

        var order = new List<PlannedTarget>(planned.Count);
        while (ready.TryDequeue(out var target, out _))
        {
            target.Order = order.Count;
            target.Wave = 1 + target.Prerequisites.Select(p => p.Wave).DefaultIfEmpty(0).Max();
            order.Add(target);
            foreach (var waiter in target.Waiters)
            {
                if (--waiting[waiter] == 0)
                {
                    ready.Enqueue(waiter, waiter.Spec.Index);
                }
            }
        }

        return new ExecutionPlan(order);
    }

    private static void ApplySkips(ExecutionPlan plan, PlanRequest request, List<TargetSpec> skipped, List<string> problems)
    {
        foreach (var target in plan.Targets)
        {
            var spec = target.Spec;
            if (request.Skip is { Count: 0 } && !target.Invoked || skipped.Contains(spec))
            {
                Skip(target, "--skip", propagate: true);
                continue;
            }

            if (target.SkipReason is not null)
            {
                continue; // already skipped through another target: its conditions do not matter
            }

            if (request.PreviouslySucceeded?.Contains(spec.Name) == true)
            {
                target.SkipReason ??= ContinueReason;
                target.FromPreviousRun = true;
                continue;
            }

            foreach (var condition in spec.StaticConditions)
            {
                bool holds;
                try
                {
                    holds = condition.Evaluate();
                }
                catch (Exception exception)
                {
                    problems.Add($"The condition '{condition.Text}' of target '{spec.Name}' threw: {exception.Message}");
                    break;
                }

                if (!holds)
                {
                    Skip(target, condition.Text, spec.SkipBehavior == DependencyBehavior.Skip);
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Skips a target; with <paramref name="propagate"/> also the dependencies and triggered targets that no
    /// other planned, non-skipped target depends on or triggers (NUKE's <c>DependencyBehavior.Skip</c>),
    /// transitively.
    /// </summary>
    private static void Skip(PlannedTarget target, string reason, bool propagate)
    {
        target.SkipReason ??= reason;
        if (!propagate)
        {
            return;
        }

        var dependencies = target.Needs.Where(d => target.Spec.DependsOn.Contains(d.Spec.Index));
        var triggered = target.Waiters.Where(w => target.Spec.Triggers.Contains(w.Spec.Index));
        foreach (var candidate in dependencies.Concat(triggered).ToList())
        {
            if (candidate.SkipReason is null && !StillWanted(candidate))
            {
                Skip(candidate, $"only needed by skipped {target.Name}", propagate: true);
            }
        }
    }

    /// <summary>
    /// Whether a target is invoked, or a planned target that is not skipped depends on it or triggers it.
    /// (A target it triggers itself does not count: that one is only planned because of it.)
    /// </summary>
    private static bool StillWanted(PlannedTarget target) =>
        target.Invoked
        || target.Waiters.Any(w => w.SkipReason is null && w.Spec.DependsOn.Contains(target.Spec.Index))
        || target.Needs.Any(t => t.SkipReason is null && t.Spec.Triggers.Contains(target.Spec.Index));

    /// <summary>
    /// The problems the <see cref="ITargetDefinition.Validates"/> checks of <paramref name="targets"/> report, skipped
    /// targets left out; the same problem from two targets (both read --image-name) once.
    /// </summary>
    public static List<string> Validate(IEnumerable<PlannedTarget> targets)
    {
        var problems = new List<string>();
        foreach (var target in targets.Where(t => t.SkipReason is null))
        {
            foreach (var check in target.Spec.Validations)
            {
                try
                {
                    foreach (var problem in check() ?? [])
                    {
                        if (!string.IsNullOrWhiteSpace(problem) && !problems.Contains(problem))
                        {
                            problems.Add(problem);
                        }
                    }
                }
                catch (Exception exception)
                {
                    problems.Add($"The checks of target '{target.Name}' threw: {exception.Message}");
                }
            }
        }

        return problems;
    }

    private static void CheckRequirements(ExecutionPlan plan, Func<string, string?>? describeParameter, List<string> problems)
    {
        var missing = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var target in plan.Targets.Where(t => t.SkipReason is null))
        {
            foreach (var requirement in target.Spec.Requirements)
            {
                object? value;
                try
                {
                    value = requirement.Evaluate();
                }
                catch (Exception exception)
                {
                    problems.Add($"The requirement '{requirement.Text}' of target '{target.Name}' threw: {exception.Message}");
                    continue;
                }

                if (value is null or false || value is string { Length: 0 })
                {
                    var key = describeParameter?.Invoke(requirement.Text) is { } parameter
                        ? $"Missing required parameter {parameter}"
                        : $"Requirement '{requirement.Text}' is not met";
                    if (!missing.TryGetValue(key, out var targets))
                    {
                        missing[key] = targets = [];
                    }

                    targets.Add(target.Name);
                }
            }
        }

        problems.AddRange(missing.Select(m => $"{m.Key} (needed by {string.Join(", ", m.Value)})."));
    }
}

/// <summary>A plan (null when the targets themselves could not be resolved), and what is wrong with it: it runs only without problems.</summary>
internal sealed record PlanResult(ExecutionPlan? Plan, IReadOnlyList<string> Problems);
