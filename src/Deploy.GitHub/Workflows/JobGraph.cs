using Deploy.Build;

namespace Deploy.GitHub.Workflows;

/// <summary>
/// Splits the targets a run of the default targets plans (the engine's own plan, <see cref="BuildDescription.Plan"/>)
/// into workflow jobs, so that every target runs in exactly one job. Runners share no disk, so a target that needs
/// exactly one other (DependsOn, or triggered by it) runs in that one's job, when whatever it only runs after is there
/// too: a chain stays on one runner, and so do the branches of a fork (they need what the trunk left there; the engine
/// runs them side by side). A target that needs several (a join, as Rollout needs Test and Push) or none starts a job:
/// it gets what the jobs before it hand on, the values their targets produce, as job outputs. A job is therefore a
/// tree of targets, each under the one it needs; it runs them with one command that names the fewest of them whose
/// plan covers the job, and skips what other jobs run.
/// </summary>
internal static class JobGraph
{
    public static IReadOnlyList<WorkflowJob> Build(BuildDescription build)
    {
        if (build.DefaultTargets.Count == 0)
        {
            throw new WorkflowException("The build has no default target, so there is nothing for the workflow to run. Give Execute<Build>(x => x.Target) a default target.");
        }

        var plan = Plan(build, build.DefaultTargets);
        var groups = new List<List<PlannedTargetDescription>>();
        var groupOf = new Dictionary<string, List<PlannedTargetDescription>>(StringComparer.Ordinal);
        foreach (var target in plan.Targets)
        {
            var group = Parent(target) is { } parent ? groupOf[parent] : null;
            if (group is not null && target.Prerequisites.Any(p => groupOf[p.Target] != group))
            {
                group = null; // it also runs after a target of another job: that job must come first, so this one starts one
            }

            if (group is null)
            {
                groups.Add(group = []);
            }

            group.Add(target);
            groupOf[target.Name] = group;
        }

        var ids = AssignIds(groups, build);
        var closures = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string> Closure(string name)
        {
            if (!closures.TryGetValue(name, out var closure))
            {
                closures[name] = closure = Plan(build, [name]).Targets.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            }

            return closure;
        }

        var jobs = new List<WorkflowJob>();
        foreach (var group in groups)
        {
            var names = group.Select(t => t.Name).ToList();

            // Name the fewest targets whose plan covers the job: those no other target of the job plans.
            var invoke = names.Where(t => !names.Any(other => other != t && Closure(other).Contains(t))).ToList();
            var planned = Plan(build, invoke).Targets.Select(t => t.Name).ToList();
            var needs = group.SelectMany(t => t.Prerequisites).Select(p => groupOf[p.Target]).Where(g => g != group).Distinct()
                .OrderBy(groups.IndexOf).Select(g => ids[g]).ToList();
            // What the targets it waits for (in the jobs it needs) produced, when a parameter of that name reads it: the
            // build reads DEPLOY_<NAME> for its parameters only, and a value from further back has no target here that waits for it.
            var receives = group.SelectMany(t => t.Prerequisites).Select(p => p.Target).Where(p => groupOf[p] != group).Distinct()
                .OrderBy(p => plan.Find(p)!.Order)
                .SelectMany(p => build.FindTarget(p)!.Outputs.Select(o => (Output: o, Job: ids[groupOf[p]])))
                .Where(r => build.FindParameter(r.Output) is { IsSecret: false })
                .GroupBy(r => r.Output, StringComparer.Ordinal).Select(g => g.Last()).ToList();
            jobs.Add(new WorkflowJob(
                ids[group],
                DisplayName(group, build),
                names,
                invoke,
                needs,
                planned.Where(t => !names.Contains(t)).ToList(),
                names.SelectMany(t => build.FindTarget(t)!.Outputs).Distinct(StringComparer.Ordinal).ToList(),
                receives));
        }

        return jobs;
    }

    /// <summary>The one target <paramref name="target"/> needs (must succeed before it), or null when it needs none or several.</summary>
    private static string? Parent(PlannedTargetDescription target) =>
        target.Prerequisites.Where(p => p.MustSucceed).ToList() is [var only] ? only.Target : null;

    private static PlanDescription Plan(BuildDescription build, IReadOnlyList<string> targets)
    {
        try
        {
            return build.Plan(targets);
        }
        catch (DeployException exception)
        {
            throw new WorkflowException($"The build's targets cannot be split into jobs: {exception.Message} Run ./build.sh --plan to see the graph.");
        }
    }

    /// <summary>
    /// Named after the job's first target that does work ("rollout"), or, for a job that starts the graph, after the
    /// targets it ends in ("test" for Clone → … → Test: the trunk exists to reach them); unique.
    /// </summary>
    private static Dictionary<List<PlannedTargetDescription>, string> AssignIds(List<List<PlannedTargetDescription>> groups, BuildDescription build)
    {
        var ids = new Dictionary<List<PlannedTargetDescription>, string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var working = group.Where(t => build.FindTarget(t.Name) is { IsCollective: false }).DefaultIfEmpty(group[^1]).ToList();
            var ends = working.Where(t => !group.Skip(1).Any(other => Parent(other) == t.Name)).DefaultIfEmpty(working[^1]);
            var named = group[0].Prerequisites.Count == 0 ? string.Join('-', ends.Select(t => Slug.Of(t.Name))) : Slug.Of(working[0].Name);
            var id = named;
            for (var n = 2; !taken.Add(id); n++)
            {
                id = $"{named}-{n}";
            }

            ids[group] = id;
        }

        return ids;
    }

    /// <summary>
    /// The job's targets as the tree they form, unlisted ones left out: "Clone → Restore → Compile → (Test, Image → Push)".
    /// Every target of a job but its first needs one target of the job, so the job is a tree rooted at the first.
    /// </summary>
    private static string DisplayName(List<PlannedTargetDescription> group, BuildDescription build)
    {
        var children = group.ToDictionary(t => t.Name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var target in group.Skip(1))
        {
            children[Parent(target)!].Add(target.Name);
        }

        return string.Join(", ", Render(group[0].Name));

        // The texts a target and what follows it read as: one, or several when it is unlisted and forks.
        List<string> Render(string name)
        {
            var after = children[name].SelectMany(Render).ToList();
            var tail = after.Count switch
            {
                0 => "",
                1 => " → " + after[0],
                _ => $" → ({string.Join(", ", after)})",
            };
            return build.FindTarget(name) is { Unlisted: true } ? after : [name + tail];
        }
    }
}
