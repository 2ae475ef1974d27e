using Deploy.Build.Definition;

namespace Deploy.Build.Planning;

/// <summary>Finds the cycles in the whole definition's "runs after" graph, each as a path "A -> B -> A".</summary>
internal static class Cycles
{
    public static List<List<string>> Find(BuildModel model)
    {
        var targets = model.Targets;

        // Edges point from a target to what it waits for; a triggered target waits for its trigger.
        var waitsFor = targets.Select(t => new List<int>(t.DependsOn.Concat(t.After))).ToArray();
        foreach (var target in targets)
        {
            foreach (var triggered in target.Triggers)
            {
                waitsFor[triggered].Add(target.Index);
            }
        }

        var state = new byte[targets.Count]; // 0 new, 1 on the path, 2 done
        var cycles = new List<List<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<int>();
        var next = new Stack<(int Node, int Edge)>();

        for (var root = 0; root < targets.Count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            // Iterative depth-first search: a 10,000-target chain must not overflow the stack.
            next.Push((root, 0));
            state[root] = 1;
            path.Add(root);
            while (next.Count > 0)
            {
                var (node, edge) = next.Pop();
                if (edge < waitsFor[node].Count)
                {
                    next.Push((node, edge + 1));
                    var to = waitsFor[node][edge];
                    if (state[to] == 0)
                    {
                        state[to] = 1;
                        path.Add(to);
                        next.Push((to, 0));
                    }
                    else if (state[to] == 1 && to != node)
                    {
                        AddCycle(path.Skip(path.LastIndexOf(to)).ToList());
                    }

                    continue;
                }

                state[node] = 2;
                path.RemoveAt(path.Count - 1);
            }
        }

        return cycles;

        void AddCycle(List<int> nodes)
        {
            // The path runs from a target to what it waits for; print it in run order, starting at the
            // lowest declared target so the same cycle found twice is reported once.
            nodes.Reverse();
            var start = nodes.IndexOf(nodes.Min());
            var rotated = nodes.Skip(start).Concat(nodes.Take(start)).ToList();
            rotated.Add(rotated[0]);
            var names = rotated.Select(i => targets[i].Name).ToList();
            if (seen.Add(string.Join(" ", names)))
            {
                cycles.Add(names);
            }
        }
    }
}
