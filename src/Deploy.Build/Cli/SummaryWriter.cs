using System.Globalization;
using System.Text;
using Deploy.Build.Execution;

namespace Deploy.Build.Cli;

/// <summary>
/// The table printed at the end of a run: target, status, duration, start offset from the run's start, and
/// a note (error, skip reason, or the target's outputs); then the critical path, the wall time, the sum of target durations, and the result.
/// </summary>
internal static class SummaryWriter
{
    private const int NoteWidth = 72;

    /// <param name="run">The finished run.</param>
    /// <param name="targets">Every planned target, in plan order.</param>
    /// <param name="notes">Observers' lines under the table.</param>
    /// <param name="criticalPath">The targets that bounded the wall time (<see cref="CriticalPath"/>); none: no line.</param>
    public static string Render(RunOutcome run, IReadOnlyList<TargetFinishedEvent> targets, IReadOnlyList<string> notes, IReadOnlyList<TargetFinishedEvent>? criticalPath = null)
    {
        var rows = targets.Select(t => (
            t.Name,
            Status: t.Status.ToString(),
            Duration: t.StartedAt is null ? "" : Formatting.Duration(t.Duration),
            Start: Start(run, t),
            Note: Note(t))).ToList();

        var nameWidth = Math.Max("Target".Length, rows.Select(r => r.Name.Length).DefaultIfEmpty(0).Max());
        var header = $"{"Target".PadRight(nameWidth)}  {"Status",-10}  {"Duration",8}  {"Start",9}  Note";
        var noteColumn = nameWidth + 35; // name, status, duration and start, each followed by two spaces
        var rule = new string('─', Math.Max(header.Length, noteColumn + rows.Select(r => r.Note.Length).DefaultIfEmpty(0).Max()));

        var text = new StringBuilder();
        text.Append('\n').Append(rule).Append('\n').Append(header).Append('\n').Append(rule).Append('\n');
        foreach (var row in rows)
        {
            text.Append($"{row.Name.PadRight(nameWidth)}  {row.Status,-10}  {row.Duration,8}  {row.Start,9}  {row.Note}".TrimEnd()).Append('\n');
        }

        text.Append(rule).Append('\n');
        if (criticalPath is { Count: > 0 })
        {
            text.Append(CriticalPathLine(criticalPath)).Append('\n');
        }

        var sum = TimeSpan.FromTicks(targets.Sum(t => t.Duration.Ticks));
        var speedup = run.WallTime > TimeSpan.Zero ? sum / run.WallTime : 0;
        text.Append(string.Create(CultureInfo.InvariantCulture, $"Wall time {Formatting.Duration(run.WallTime)}, sum of target durations {Formatting.Duration(sum)}"));

        // Only a real gain is worth a word: "0.7x from running in parallel" (one target, or --parallel 1) reads as a loss.
        text.Append(speedup >= 1.1 ? string.Create(CultureInfo.InvariantCulture, $" ({speedup:0.0}x from running in parallel)\n") : "\n");
        foreach (var note in notes)
        {
            text.Append(note).Append('\n');
        }

        text.Append(run.Result switch
        {
            RunResult.Succeeded => "Build succeeded.",
            RunResult.Failed => $"Build failed: {string.Join(", ", targets.Where(t => t.Status == TargetStatus.Failed).Select(t => t.Name))}.",
            _ => "Build cancelled.",
        }).Append('\n');
        return text.ToString();
    }

    /// <summary><c>Critical path: Clone -> Restore -> Compile -> Test (0:41.10)</c>: the path's targets and the sum of their durations.</summary>
    public static string CriticalPathLine(IReadOnlyList<TargetFinishedEvent> path) =>
        $"Critical path: {string.Join(" -> ", path.Select(t => t.Name))} ({Formatting.Duration(TimeSpan.FromTicks(path.Sum(t => t.Duration.Ticks)))})";

    /// <summary>The start column: the offset from the run's start, empty for a target that never ran.</summary>
    public static string Start(RunOutcome run, TargetFinishedEvent target) =>
        target.StartedAt is { } started ? "+" + Formatting.Duration(started - run.StartedAt) : "";

    /// <summary>
    /// The note column: the error, the reason it did not run, or its outputs; one short line. An up-to-date target
    /// that hands on outputs shows them (restored: <c>tests: 13 passed (cached from …)</c>).
    /// </summary>
    public static string Note(TargetFinishedEvent target)
    {
        var outputs = string.Join("; ", target.Outputs.Select(o => $"{o.Key}: {o.Value}"));
        return Shorten(target.Error ?? (target.Status == TargetStatus.UpToDate && outputs.Length > 0 ? outputs : target.Reason ?? outputs));
    }

    /// <summary>One line of at most <see cref="NoteWidth"/> characters: a multi-line message's lines joined, without their indentation.</summary>
    private static string Shorten(string note)
    {
        var line = string.Join(' ', note.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= NoteWidth ? line : line[..(NoteWidth - 1)] + "…";
    }
}
