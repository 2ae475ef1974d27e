using System.Globalization;
using System.Text;
using Deploy.Build.Planning;

namespace Deploy.Build.Reports;

/// <summary>
/// <c>.nuke/temp/execution-plan.html</c>: the plan's DAG as inline SVG. One column per wave, targets in plan
/// order down each column; an arrow from each prerequisite to the target waiting for it (solid: needs it,
/// dashed: only runs after it), routed around the boxes (<see cref="PlanRouting"/>); skipped targets greyed, with
/// the reason as a tooltip.
/// </summary>
internal static class PlanPage
{
    public const string FileName = "execution-plan.html";

    private const double Margin = 20;
    private const double NodeHeight = 36;
    private const double RowGap = 18;
    private const double ColumnGap = 70;
    private const double HeaderHeight = 22;

    public static string Render(ExecutionPlan plan, int parallelism)
    {
        var waves = plan.Waves;
        var nodeWidth = Math.Max(120, plan.Targets.Max(t => Html.TextWidth(t.Name)) + 28);
        var cell = new Dictionary<PlannedTarget, (int Wave, int Row)>();
        foreach (var wave in waves)
        {
            var ordered = wave.OrderBy(t => t.Order).ToList();
            for (var row = 0; row < ordered.Count; row++)
            {
                cell[ordered[row]] = (ordered[row].Wave, row);
            }
        }

        var rowsPerWave = Enumerable.Range(1, plan.Targets.Max(t => t.Wave)).Select(w => plan.Targets.Count(t => t.Wave == w)).ToList();
        var routing = new PlanRouting(Margin, Margin + HeaderHeight, nodeWidth, NodeHeight, ColumnGap, RowGap, rowsPerWave);
        var position = cell.ToDictionary(c => c.Key, c => (X: routing.X(c.Value.Wave), Y: routing.Y(c.Value.Row)));

        var width = position.Values.Max(p => p.X) + nodeWidth + Margin;
        var height = position.Values.Max(p => p.Y) + NodeHeight + Margin;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" class="plan" width="{Html.N(width)}" height="{Html.N(height)}" viewBox="0 0 {Html.N(width)} {Html.N(height)}">""").Append('\n');
        svg.Append("""
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#57606a" /></marker></defs>
            <style>
            .edge { fill: none; stroke: #57606a; stroke-width: 1.5px; }
            .edge.after { stroke-dasharray: 6 4; }
            .node rect { fill: #ddf4ff; stroke: #0969da; stroke-width: 1.5px; }
            .node.invoked rect { stroke-width: 3px; }
            .node.skipped rect { fill: #f6f8fa; stroke: #afb8c1; stroke-dasharray: 4 3; }
            .node.skipped text { fill: #8c959f; }
            .wave { fill: #57606a; font-size: 12px; }
            </style>

            """);
        foreach (var wave in waves)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="wave" x="{Html.N(Margin + (wave[0].Wave - 1) * (nodeWidth + ColumnGap))}" y="{Html.N(Margin + 12)}">wave {wave[0].Wave}</text>""").Append('\n');
        }

        var edges = plan.Targets.OrderBy(t => t.Order)
            .SelectMany(t => t.Needs.Select(p => (From: p, To: t, Kind: "needs")).Concat(t.RunsAfter.Select(p => (From: p, To: t, Kind: "after"))))
            .ToList();

        // Ports: a box's arrows leave (enter) it in the order of the rows they go to (come from), so they do not cross at the box.
        var outgoing = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.OrderBy(e => cell[e.To].Row).ThenBy(e => cell[e.To].Wave).ToList());
        var incoming = edges.GroupBy(e => e.To).ToDictionary(g => g.Key, g => g.OrderBy(e => cell[e.From].Row).ThenBy(e => cell[e.From].Wave).ToList());
        foreach (var edge in edges)
        {
            var fromY = routing.Port(cell[edge.From].Row, outgoing[edge.From].IndexOf(edge), outgoing[edge.From].Count);
            var toY = routing.Port(cell[edge.To].Row, incoming[edge.To].IndexOf(edge), incoming[edge.To].Count);
            var d = routing.Path(cell[edge.From], fromY, cell[edge.To], toY);
            var title = edge.Kind == "needs" ? $"{edge.To.Name} depends on {edge.From.Name}" : $"{edge.To.Name} runs after {edge.From.Name}";
            svg.Append(CultureInfo.InvariantCulture, $"""<path class="edge {edge.Kind}" data-from="{Html.Escape(edge.From.Name)}" data-to="{Html.Escape(edge.To.Name)}" d="{d}" marker-end="url(#arrow)"><title>{Html.Escape(title)}</title></path>""").Append('\n');
        }

        foreach (var target in plan.Targets.OrderBy(t => t.Order))
        {
            var (x, y) = position[target];
            var classes = "node" + (target.SkipReason is null ? "" : " skipped") + (target.Invoked ? " invoked" : "");
            var title = target.SkipReason is null ? $"{target.Name} (wave {target.Wave})" : $"{target.Name}: skipped: {target.SkipReason}";
            svg.Append(CultureInfo.InvariantCulture, $"""<g class="{classes}" data-target="{Html.Escape(target.Name)}"><title>{Html.Escape(title)}</title><rect x="{Html.N(x)}" y="{Html.N(y)}" width="{Html.N(nodeWidth)}" height="{NodeHeight}" rx="6" /><text x="{Html.N(x + nodeWidth / 2)}" y="{Html.N(y + NodeHeight / 2 + 4.5)}" text-anchor="middle">{Html.Escape(target.Name)}</text></g>""").Append('\n');
        }

        svg.Append("</svg>");

        var count = plan.Targets.Count;
        var body = new StringBuilder();
        body.Append("<h1>Execution plan</h1>\n");
        body.Append(CultureInfo.InvariantCulture, $"""<p class="meta">{count} target{(count == 1 ? "" : "s")} in {waves.Count} wave{(waves.Count == 1 ? "" : "s")}, at most {parallelism} at once. Targets in one column may run together; an arrow points from a prerequisite to the target that waits for it.</p>""").Append('\n');
        body.Append("""<ul class="legend"><li><svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><line x1="0" y1="5" x2="40" y2="5" stroke="#57606a" stroke-width="1.5" /></svg>depends on</li><li><svg xmlns="http://www.w3.org/2000/svg" width="40" height="10"><line x1="0" y1="5" x2="40" y2="5" stroke="#57606a" stroke-width="1.5" stroke-dasharray="6 4" /></svg>runs after</li><li><span class="swatch skipped"></span>skipped (hover for why)</li><li><span class="swatch" style="border: 3px solid #0969da"></span>invoked</li></ul>""").Append('\n');
        body.Append(svg);
        return Html.Page("Execution plan", body.ToString());
    }
}
