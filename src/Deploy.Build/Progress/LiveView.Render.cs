using System.Globalization;
using System.Text.RegularExpressions;
using Deploy.Build.Cli;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Deploy.Build.Progress;

/// <summary>What the view and the finished lines look like.</summary>
internal sealed partial class LiveView
{
    /// <summary>Draws the view: a line counting what ran, then one line per running target, each cropped to the width.</summary>
    private void Draw()
    {
        if (_running.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var lines = new List<IRenderable> { Header(now) };

        // A view taller than the terminal cannot be cleared (its top has scrolled away): cap it, count the rest.
        var room = Math.Max(2, _console.Profile.Height - 2) - 1;
        var shown = _running.Count <= room ? _running.Count : room - 1;
        lines.AddRange(_running.Take(shown).Select(r => Running(r, now)));
        if (shown < _running.Count)
        {
            lines.Add(Line(($"  … and {_running.Count - shown} more", Dim)));
        }

        foreach (var line in lines)
        {
            _console.Write(line);
            _console.Write(Text.NewLine);
        }

        _height = lines.Count;
        _drawn = Key(now);
    }

    /// <summary>What the view shows at <paramref name="now"/>, as far as a redraw could change it.</summary>
    private string Key(DateTimeOffset now) => string.Join('\n', _running.Select(r => $"{r.Name} {Elapsed(now - r.StartedAt)} {r.Latest}")
        .Prepend($"{_finished} {_console.Profile.Width} {(_startedAt is { } started ? Elapsed(now - started) : "")}"));

    private Paragraph Header(DateTimeOffset now) => Line(
        (string.Create(CultureInfo.InvariantCulture, $"{_running.Count} running, {_finished} of {_planned} done"), Dim),
        (_startedAt is { } started ? ", " + Elapsed(now - started) : "", Dim));

    private Paragraph Running(RunningTarget target, DateTimeOffset now) => Line(
        (Unicode ? "  ● " : "  * ", Blue),
        (Plain(target.Name).PadRight(_nameWidth), Bold),
        ($" {Elapsed(now - target.StartedAt),5}  ", Dim),
        (target.Latest, Style.Plain));

    /// <summary>
    /// <c>✔ Compile succeeded in 0:01.23</c>, <c>✔ Restore up to date in 0:00.02: inputs unchanged since …</c>,
    /// <c>✘ Test failed in 0:00.50: the error</c>, <c>- Publish skipped: why</c>.
    /// </summary>
    private Paragraph FinishedLine(TargetFinishedEvent target)
    {
        var (symbol, style) = target.Status switch
        {
            TargetStatus.Succeeded => (Unicode ? "✔" : "+", Green),
            TargetStatus.UpToDate => (Unicode ? "✔" : "=", Dim),
            TargetStatus.Failed => (Unicode ? "✘" : "x", Red),
            TargetStatus.Aborted => ("!", Yellow),
            _ => ("-", Dim),
        };
        var status = target.Status switch
        {
            TargetStatus.NotRun => "not run",
            TargetStatus.UpToDate => "up to date",
            _ => target.Status.ToString().ToLowerInvariant(),
        };
        var duration = target.StartedAt is null ? "" : " in " + Formatting.Duration(target.Duration);
        var note = SummaryWriter.Note(target);
        return Line(
            (symbol + " ", style),
            (Plain(target.Name).PadRight(_nameWidth), Bold),
            (" " + status, style),
            (duration, Style.Plain),
            (note.Length == 0 ? "" : ": " + Plain(note), Dim));
    }

    /// <summary>
    /// One line that never wraps: what does not fit ends in an ellipsis. A column is left free, since a line filling
    /// the whole width leaves some terminals' cursors waiting to wrap, which would throw the count of lines off.
    /// </summary>
    private Paragraph Line(params (string Text, Style Style)[] parts)
    {
        var room = Math.Max(2, _console.Profile.Width - 1);
        var paragraph = new Paragraph();
        foreach (var (text, style) in parts.Where(p => p.Text.Length > 0))
        {
            var width = text.GetCellWidth();
            if (width <= room)
            {
                paragraph.Append(text, style);
                room -= width;
                continue;
            }

            paragraph.Append(Fit(text, room - 1) + "…", style);
            break;
        }

        return paragraph;
    }

    /// <summary>The start of <paramref name="text"/> that takes at most <paramref name="cells"/> terminal cells.</summary>
    private static string Fit(string text, int cells)
    {
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var width = rune.ToString().GetCellWidth();
            if (width > cells)
            {
                break;
            }

            cells -= width;
            end += rune.Utf16SequenceLength;
        }

        return text[..end];
    }

    /// <summary>0:07, 12:34, 1:02:03: seconds are enough for something still running.</summary>
    private static string Elapsed(TimeSpan elapsed)
    {
        elapsed = elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
        return elapsed.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours}:{elapsed.Minutes:00}:{elapsed.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{elapsed.Minutes}:{elapsed.Seconds:00}");
    }

    /// <summary>
    /// Text for one line of the view: a tool's own colours and cursor moves (escape sequences), tabs and carriage
    /// returns would move the cursor behind the view's back, so they go.
    /// </summary>
    private static string Plain(string text) =>
        ControlCharacters().Replace(EscapeSequences().Replace(text, ""), " ").Trim();

    private bool Unicode => _console.Profile.Capabilities.Unicode;

    private static Style Dim => new(Color.Grey);

    private static Style Bold => new(decoration: Decoration.Bold);

    private static Style Blue => new(Color.Blue);

    private static Style Green => new(Color.Green);

    private static Style Red => new(Color.Red);

    private static Style Yellow => new(Color.Yellow);

    [GeneratedRegex(@"\u001b(\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(\u0007|\u001b\\)?|[@-Z\\-_])")]
    private static partial Regex EscapeSequences();

    [GeneratedRegex(@"\p{Cc}")]
    private static partial Regex ControlCharacters();
}
