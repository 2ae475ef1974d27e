using System.Globalization;
using System.Text;
using Deploy.Build.Cli;
using Deploy.Build.Execution;

namespace Deploy.Build.Hosts;

// The engine's host layer, beside GitHubActionsHost (whose comment says why it is not in Deploy.GitHub).
/// <summary>
/// What a run appends to <c>GITHUB_STEP_SUMMARY</c> (Markdown): the summary table, the wall time and critical
/// path, and a Mermaid <c>gantt</c> chart with one bar per target that ran, at its millisecond offsets from the
/// run's start (the run record's times, truncated to milliseconds as it writes them).
/// </summary>
internal static class GitHubActionsStepSummary
{
    public static string Render(RunOutcome run, IReadOnlyList<TargetFinishedEvent> targets, IReadOnlyList<TargetFinishedEvent> criticalPath)
    {
        var text = new StringBuilder();
        text.Append("### ").Append(run.Result switch
        {
            RunResult.Succeeded => "Build succeeded",
            RunResult.Failed => "Build failed",
            _ => "Build cancelled",
        }).Append("\n\n");
        text.Append("| Target | Status | Duration | Start | Note |\n|---|---|---:|---:|---|\n");
        foreach (var target in targets)
        {
            var duration = target.StartedAt is null ? "" : Formatting.Duration(target.Duration);
            text.Append(CultureInfo.InvariantCulture, $"| {Cell(target.Name)} | {target.Status} | {duration} | {SummaryWriter.Start(run, target)} | {Cell(SummaryWriter.Note(target))} |\n");
        }

        text.Append('\n').Append(CultureInfo.InvariantCulture, $"Wall time {Formatting.Duration(run.WallTime)}.");
        if (criticalPath.Count > 0)
        {
            text.Append(' ').Append(SummaryWriter.CriticalPathLine(criticalPath)).Append('.');
        }

        text.Append("\n\n```mermaid\ngantt\n    title Run\n    dateFormat x\n    axisFormat %M:%S\n    section Targets\n");
        var start = run.StartedAt.ToUnixTimeMilliseconds();
        var index = 0;
        foreach (var target in targets)
        {
            index++;
            if (target is { StartedAt: { } started, FinishedAt: { } finished })
            {
                var from = started.ToUnixTimeMilliseconds() - start;
                var to = finished.ToUnixTimeMilliseconds() - start;
                text.Append(CultureInfo.InvariantCulture, $"    {target.Name} ({target.Status}) :{Tags(target.Status)}t{index}, {from}, {to}\n");
            }
        }

        text.Append("```\n\n");
        return text.ToString();
    }

    /// <summary>
    /// Mermaid's tags colour the bar by status: done (succeeded, up to date, collective), crit (failed), active (aborted).
    /// The critical path is named under the table rather than tagged, so "crit" keeps meaning "failed".
    /// </summary>
    private static string Tags(TargetStatus status) => status switch
    {
        TargetStatus.Failed => "crit, ",
        TargetStatus.Aborted => "active, ",
        _ => "done, ",
    };

    /// <summary>A Markdown table cell: a '|' would end it.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
