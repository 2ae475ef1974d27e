using System.Globalization;
using System.Text;
using Deploy.Build.Execution;
using Deploy.Build.Records;

namespace Deploy.Build.Reports;

/// <summary>
/// <c>.nuke/temp/run.html</c>: the run as a timeline drawn from run.json alone. One row per target in the
/// record's order: a bar from its start (offset from the run's start) as long as it took, coloured by status,
/// the critical path outlined (followed along the record's edges by <see cref="CriticalPath"/>, as the console
/// summary is); targets that never ran get a row with their status and reason and no bar.
/// </summary>
internal static class RunPage
{
    public const string FileName = "run.html";

    private const double Margin = 20;
    private const double RowHeight = 28;
    private const double BarHeight = 18;
    private const double AxisHeight = 28;
    private const double ChartWidth = 860;

    private static readonly string[] Statuses = ["Succeeded", "UpToDate", "Failed", "Aborted", "Collective", "Skipped", "NotRun"];

    /// <summary>The CSS class of a status ("NotRun" → "notrun"); unknown statuses get their own lower-cased name.</summary>
    public static string StatusClass(string status) =>
        new string(status.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant() is { Length: > 0 } name ? name : "unknown";

    public static string Render(RecordedRun run)
    {
        var path = CriticalPath.Find(run).Select(t => t.Name).ToList();
        var critical = path.ToHashSet(StringComparer.Ordinal);
        var wallSeconds = run.WallTime.TotalSeconds;
        var span = Math.Max(0.001, Math.Max(wallSeconds, run.Targets.Select(t => End(run, t)).DefaultIfEmpty(0).Max()));
        var scale = ChartWidth / span;
        var labelWidth = Math.Max(80, run.Targets.Select(t => Html.TextWidth(t.Name)).DefaultIfEmpty(0).Max() + 16);
        var left = Margin + labelWidth;
        var width = left + ChartWidth + 80;
        var height = Margin + AxisHeight + Math.Max(1, run.Targets.Count) * RowHeight + Margin;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{Html.N(width)}" height="{Html.N(height)}" viewBox="0 0 {Html.N(width)} {Html.N(height)}">""").Append('\n');
        svg.Append("""
            <style>
            .axis line { stroke: #d0d7de; stroke-width: 1px; }
            .axis text { fill: #57606a; font-size: 11px; }
            .bar { stroke: rgba(0, 0, 0, 0.25); stroke-width: 1px; }
            .bar.critical { stroke: #0a0a0a; stroke-width: 3px; }
            .row text.note { fill: #57606a; font-style: italic; }
            .row text.duration { fill: #57606a; font-size: 11px; }
            .row.critical text.label { font-weight: bold; }
            </style>

            """);

        var step = TickStep(span);
        svg.Append("""<g class="axis">""");
        for (var tick = 0; tick * step <= span + step * 1e-9; tick++)
        {
            var x = left + tick * step * scale;
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Html.N(x)}" y1="{Html.N(Margin + AxisHeight - 6)}" x2="{Html.N(x)}" y2="{Html.N(height - Margin)}" /><text class="tick" x="{Html.N(x)}" y="{Html.N(Margin + 10)}" text-anchor="middle">{Html.Escape(Html.Seconds(Math.Round(tick * step, 3)))}</text>""");
        }

        svg.Append("</g>\n");

        for (var i = 0; i < run.Targets.Count; i++)
        {
            var target = run.Targets[i];
            var y = Margin + AxisHeight + i * RowHeight;
            var status = StatusClass(target.Status.ToString());
            var onPath = critical.Contains(target.Name) ? " critical" : "";
            var name = Html.Escape(target.Name);
            svg.Append(CultureInfo.InvariantCulture, $"""<g class="row {status}-row{onPath}" data-target="{name}" data-status="{target.Status}">""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text class="label" x="{Html.N(Margin)}" y="{Html.N(y + RowHeight / 2 + 4.5)}">{name}</text>""");
            if (target.StartedAt is { } started)
            {
                var x = left + Offset(run, started) * scale;
                var barWidth = Math.Max(2, target.Duration.TotalSeconds * scale);
                var tooltip = $"{target.Name}: {target.Status}, {Html.Seconds(target.Duration.TotalSeconds)}" + (onPath.Length > 0 ? " (critical path)" : "") + (target.Error is null ? "" : $"\n{target.Error}");
                svg.Append(CultureInfo.InvariantCulture, $"""<rect class="bar {status}{onPath}" data-target="{name}" x="{Html.N(x)}" y="{Html.N(y + (RowHeight - BarHeight) / 2)}" width="{Html.N(barWidth)}" height="{BarHeight}" rx="3"><title>{Html.Escape(tooltip)}</title></rect>""");
                svg.Append(CultureInfo.InvariantCulture, $"""<text class="duration" x="{Html.N(x + barWidth + 6)}" y="{Html.N(y + RowHeight / 2 + 4)}">{Html.Escape(Html.Seconds(target.Duration.TotalSeconds))}</text>""");
            }
            else
            {
                var note = target.Reason is null ? Describe(target.Status.ToString()) : $"{Describe(target.Status.ToString())}: {target.Reason}";
                svg.Append(CultureInfo.InvariantCulture, $"""<text class="note" x="{Html.N(left + 4)}" y="{Html.N(y + RowHeight / 2 + 4.5)}">{Html.Escape(note)}</text>""");
            }

            svg.Append("</g>\n");
        }

        svg.Append("</svg>");

        var body = new StringBuilder();
        var result = run.Result.ToString();
        body.Append(CultureInfo.InvariantCulture, $"""<h1 class="result {StatusClass(result)}-result">Run {Html.Escape(result.ToLowerInvariant())} in {Html.Escape(Html.Seconds(wallSeconds))}</h1>""").Append('\n');
        var ran = run.Targets.Count(t => t.StartedAt is not null);
        body.Append(CultureInfo.InvariantCulture, $"""<p class="meta">Result: <strong>{Html.Escape(result)}</strong> · wall time {Html.Escape(Html.Seconds(wallSeconds))} · started {Html.Escape(run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))} UTC · {ran} of {run.Targets.Count} targets ran · at most {run.Parallelism} at once</p>""").Append('\n');
        if (path.Count > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="critical-path">Critical path (outlined): {Html.Escape(string.Join(" → ", path))}</p>""").Append('\n');
        }
        else if (!run.HasPrerequisites)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<p class="critical-path">No critical path: this record (schema {run.Schema}) has no prerequisites to follow; records of schema 3 on do.</p>""").Append('\n');
        }

        body.Append("""<ul class="legend">""");
        foreach (var status in Statuses)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<li><span class="swatch {StatusClass(status)}"></span>{Html.Escape(Describe(status))}</li>""");
        }

        body.Append("""<li><span class="swatch critical"></span>critical path</li></ul>""").Append('\n');
        body.Append(svg).Append('\n');

        var failures = run.Targets.Where(t => t.Error is not null).ToList();
        if (failures.Count > 0)
        {
            body.Append("""<h2>Errors</h2><ul class="failures">""");
            foreach (var target in failures)
            {
                body.Append(CultureInfo.InvariantCulture, $"""<li data-target="{Html.Escape(target.Name)}"><strong>{Html.Escape(target.Name)}</strong> ({target.Status})<pre>{Html.Escape(target.Error)}</pre></li>""");
            }

            body.Append("</ul>\n");
        }

        return Html.Page($"Run {result.ToLowerInvariant()}", body.ToString());
    }

    private static string Describe(string status) => status switch
    {
        "NotRun" => "not run",
        "UpToDate" => "up to date (inputs unchanged)",
        "Collective" => "collective (no actions)",
        _ => status.ToLowerInvariant(),
    };

    private static double Offset(RecordedRun run, DateTimeOffset time) => Math.Max(0, (time - run.StartedAt).TotalSeconds);

    private static double End(RecordedRun run, RecordedTarget target) =>
        target.StartedAt is { } started ? Offset(run, started) + target.Duration.TotalSeconds : 0;

    /// <summary>A round step giving at most about ten ticks over <paramref name="span"/> seconds.</summary>
    private static double TickStep(double span)
    {
        double[] steps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
        return steps.FirstOrDefault(s => span / s <= 10, Math.Ceiling(span / 10 / 3600) * 3600);
    }
}
