using Deploy.Build;

namespace Deploy.GitHub.Workflows;

/// <summary>
/// The targets a run of the default targets plans, with the planner's edges: hard (DependsOn, and a trigger
/// before what it triggers) and soft (After, between planned targets). Ordered topologically, ties in
/// declaration order, like the planner.
/// </summary>
internal sealed class TargetGraph
{
    private readonly BuildDescription _build;
    private readonly Dictionary<string, List<string>> _hard = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _soft = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _successors = new(StringComparer.Ordinal);

    public TargetGraph(BuildDescription build)
    {
        _build = build;
        var planned = Closure(build.DefaultTargets);
        foreach (var name in planned)
        {
            _hard[name] = [];
            _soft[name] = [];
            _successors[name] = [];
        }

        foreach (var name in planned)
        {
            var target = Target(name);
            foreach (var dependency in target.DependsOn)
            {
                Add(_hard, name, dependency);
            }

            foreach (var triggered in target.Triggers)
            {
                Add(_hard, triggered, name);
            }

            foreach (var after in target.After.Where(planned.Contains))
            {
                Add(_soft, name, after);
            }
        }

        foreach (var name in planned)
        {
            foreach (var predecessor in Predecessors(name))
            {
                _successors[predecessor].Add(name);
            }
        }

        Order = Sort(planned);
    }

    /// <summary>Planned targets, topologically, ties in declaration order.</summary>
    public List<string> Order { get; }

    public IReadOnlyList<string> HardPredecessors(string name) => _hard[name];

    public IReadOnlyList<string> SoftPredecessors(string name) => _soft[name];

    public IReadOnlyList<string> Predecessors(string name) => [.. _hard[name], .. _soft[name].Where(s => !_hard[name].Contains(s))];

    public IReadOnlyList<string> Successors(string name) => _successors[name];

    public IReadOnlyList<string> Outputs(string name) => Target(name).Outputs;

    /// <summary>What the planner plans for these targets: them, what they depend on and what they trigger, transitively.</summary>
    public HashSet<string> Closure(IEnumerable<string> names)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<string>(names.Select(n => Target(n).Name));
        while (work.Count > 0)
        {
            var target = Target(work.Pop());
            if (found.Add(target.Name))
            {
                foreach (var next in target.DependsOn.Concat(target.Triggers))
                {
                    work.Push(next);
                }
            }
        }

        return found;
    }

    private TargetDescription Target(string name) =>
        _build.FindTarget(name) ?? throw new WorkflowException($"The build names a target '{name}' that it does not define. Run ./build.sh --help to list its targets.");

    private static void Add(Dictionary<string, List<string>> edges, string to, string from)
    {
        if (edges.TryGetValue(to, out var list) && !list.Contains(from))
        {
            list.Add(from);
        }
    }

    private List<string> Sort(HashSet<string> planned)
    {
        var index = _build.Targets.Select((t, i) => (t.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var waiting = planned.ToDictionary(n => n, n => Predecessors(n).Count, StringComparer.Ordinal);
        var ready = new PriorityQueue<string, int>(waiting.Where(w => w.Value == 0).Select(w => (w.Key, index[w.Key])));
        var order = new List<string>();
        while (ready.TryDequeue(out var name, out _))
        {
            order.Add(name);
            foreach (var successor in _successors[name])
            {
                if (--waiting[successor] == 0)
                {
                    ready.Enqueue(successor, index[successor]);
                }
            }
        }

        if (order.Count < planned.Count)
        {
            throw new WorkflowException("The build's targets form a cycle, so they cannot be split into jobs. Run ./build.sh --plan to see it.");
        }

        return order;
    }
}
