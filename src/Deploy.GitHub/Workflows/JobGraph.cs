using Deploy.Build;

namespace Deploy.GitHub.Workflows;

/// <summary>
/// Splits the targets a default run plans into workflow jobs along the graph's branches. A chain of targets
/// where each has one successor and the next has one predecessor is one job. A chain that forks (its last
/// target has several successors) gets no job of its own: every job that needs it runs it again, because
/// runners do not share disks and the forks need what it leaves there. Every other job skips what the jobs it
/// needs ran, and receives their outputs.
/// </summary>
internal static class JobGraph
{
    public static IReadOnlyList<WorkflowJob> Build(BuildDescription build)
    {
        if (build.DefaultTargets.Count == 0)
        {
            throw new WorkflowException("The build has no default target, so there is nothing for the workflow to run. Give Execute<Build>(x => x.Target) a default target.");
        }

        var graph = new TargetGraph(build);
        var order = graph.Order;
        var chainOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var chains = new List<List<string>>();
        foreach (var node in order)
        {
            var predecessors = graph.Predecessors(node);
            if (predecessors.Count == 1 && graph.Successors(predecessors[0]).Count == 1)
            {
                var chain = chainOf[predecessors[0]];
                chain.Add(node);
                chainOf[node] = chain;
                continue;
            }

            var started = new List<string> { node };
            chains.Add(started);
            chainOf[node] = started;
        }

        var shared = chains.Where(c => graph.Successors(c[^1]).Count >= 2).ToHashSet();
        var jobChains = chains.Where(c => !shared.Contains(c)).ToList();
        var ids = AssignIds(jobChains, graph, build);
        var jobs = new List<WorkflowJob>();
        foreach (var chain in jobChains)
        {
            jobs.Add(Describe(chain, graph, chainOf, shared, ids, jobs));
        }

        return jobs;
    }

    private static WorkflowJob Describe(
        List<string> chain,
        TargetGraph graph,
        Dictionary<string, List<string>> chainOf,
        HashSet<List<string>> shared,
        Dictionary<List<string>, string> ids,
        List<WorkflowJob> earlier)
    {
        var needs = new List<List<string>>();
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>(chain.SelectMany(graph.HardPredecessors).Where(p => !chain.Contains(p)).Reverse());
        foreach (var soft in chain.SelectMany(graph.SoftPredecessors).Where(p => !chain.Contains(p) && !shared.Contains(chainOf[p])))
        {
            AddUnique(needs, chainOf[soft]);
        }

        while (work.Count > 0)
        {
            var node = work.Pop();
            var owner = chainOf[node];
            if (!shared.Contains(owner))
            {
                AddUnique(needs, owner);
                continue;
            }

            if (repeated.Add(node))
            {
                foreach (var predecessor in graph.HardPredecessors(node))
                {
                    work.Push(predecessor);
                }
            }
        }

        // Name the fewest targets whose plan covers the chain and what it repeats: a repeated target that only
        // triggers the chain (rather than being depended on) must be named, or it would not run here.
        var runsHere = graph.Order.Where(t => chain.Contains(t) || repeated.Contains(t)).ToList();
        var invoke = runsHere.Where(t => !runsHere.Any(other => other != t && graph.Closure([other]).Contains(t))).ToList();
        var planned = graph.Closure(invoke);
        var skip = graph.Order.Where(t => planned.Contains(t) && !chain.Contains(t) && !shared.Contains(chainOf[t])).ToList();
        var needIds = needs.OrderBy(n => graph.Order.IndexOf(n[0])).Select(n => ids[n]).ToList();
        var receives = needIds
            .SelectMany(id => earlier.First(j => j.Id == id).Outputs.Select(o => (Output: o, Job: id)))
            .GroupBy(r => r.Output, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        return new WorkflowJob(
            ids[chain],
            chain,
            invoke,
            graph.Order.Where(repeated.Contains).ToList(),
            needIds,
            skip,
            chain.SelectMany(graph.Outputs).Distinct(StringComparer.Ordinal).ToList(),
            receives);
    }

    /// <summary>
    /// Named after the chain's first target that does work ("image" for Image → Push), or its last when the chain
    /// starts the graph ("test" for Clone → … → Test: the trunk exists to reach it); unique.
    /// </summary>
    private static Dictionary<List<string>, string> AssignIds(List<List<string>> chains, TargetGraph graph, BuildDescription build)
    {
        var ids = new Dictionary<List<string>, string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chain in chains)
        {
            var working = chain.Where(t => build.FindTarget(t) is { IsCollective: false }).DefaultIfEmpty(chain[^1]).ToList();
            var named = graph.Predecessors(chain[0]).Count == 0 ? working[^1] : working[0];
            var id = Slug.Of(named);
            for (var n = 2; !taken.Add(id); n++)
            {
                id = $"{Slug.Of(named)}-{n}";
            }

            ids[chain] = id;
        }

        return ids;
    }

    private static void AddUnique(List<List<string>> list, List<string> item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }
}
