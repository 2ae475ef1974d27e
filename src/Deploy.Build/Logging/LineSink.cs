using System.Globalization;
using System.Text;
using Deploy.Build.Hosts;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Deploy.Build.Logging;

/// <summary>
/// Writes each event as whole lines, every line prefixed with the target it came from, to the console (at
/// the chosen verbosity) and to the log file (everything). One lock around both writes: a line is never
/// torn by another target's line. Secrets are masked before anything is written. Under GitHub Actions
/// (<paramref name="github"/>), a target's console lines are held and written as one group when it ends. On a
/// terminal with a live view (<paramref name="live"/>), console text goes through the view, which keeps itself below it.
/// </summary>
internal sealed class LineSink(TextWriter console, TextWriter? file, SecretMasker masker, Verbosity verbosity, GitHubActionsLog? github = null, ILiveView? live = null) : ILogEventSink, IDisposable
{
    // ":l" renders string values as they are: `Push succeeded`, not `"Push" succeeded` (Serilog quotes by default).
    private static readonly MessageTemplateTextFormatter MessageFormatter = new("{Message:l}", CultureInfo.InvariantCulture);

    private readonly Lock _lock = new();
    private int _targetWidth = 8;
    private bool _disposed;

    /// <summary>
    /// The property marking the engine's line that a target succeeded: with a live view it goes only to the log
    /// file, since the view leaves its own line for every finished target. Like <see cref="TargetScope.PropertyName"/>,
    /// a name no message template can produce.
    /// </summary>
    public const string StatusLine = "Deploy:StatusLine";

    /// <summary>The name on lines the engine logs outside any target.</summary>
    public const string EngineName = "deploy";

    /// <summary>Aligns the target column to the longest planned target name (or the engine's, when longer).</summary>
    public void SetTargetWidth(int width) => _targetWidth = Math.Clamp(width, EngineName.Length, 40);

    public void Emit(LogEvent logEvent)
    {
        var target = logEvent.Properties.TryGetValue(TargetScope.PropertyName, out var value) && value is ScalarValue { Value: string name }
            ? name
            : EngineName;
        var message = Render(logEvent);
        var exception = logEvent.Exception is null ? null : masker.Apply(logEvent.Exception.ToString());
        var level = Level(logEvent.Level);
        var toConsole = logEvent.Level >= MinimumFor(verbosity) && !(live is not null && logEvent.Properties.ContainsKey(StatusLine));

        var consoleText = toConsole ? Format(logEvent, target, level, message, verbosity == Verbosity.Verbose ? exception : null, forFile: false) : null;
        var fileText = file is null ? null : Format(logEvent, target, level, message, exception, forFile: true);
        lock (_lock)
        {
            if (consoleText is not null)
            {
                live?.Latest(target, Lines(message).Last());
                WriteConsole(github is null ? consoleText : github.Line(target, consoleText));
            }

            if (github is not null && logEvent.Level == LogEventLevel.Warning)
            {
                WriteConsole(github.Warning(target, message));
            }

            if (!_disposed)
            {
                file?.Write(fileText);
            }
        }
    }

    /// <summary>A target ended: under GitHub Actions, writes its group, its warnings and its failure (already masked).</summary>
    public void EndTarget(string target, string? error)
    {
        if (github is not null)
        {
            lock (_lock)
            {
                WriteConsole(github.End(target, masker.Apply(error)));
            }
        }
    }

    /// <summary>Writes the summary to the log file and the console (quiet: only its last line, the result), masked.</summary>
    public void WriteSummary(string text)
    {
        text = masker.Apply(text);
        var shown = verbosity > Verbosity.Quiet ? text : text.TrimEnd('\n').Split('\n')[^1] + "\n";
        lock (_lock)
        {
            WriteConsole(github?.EndAll());
            WriteConsole(shown);

            file?.Write(text);
        }
    }

    public void Dispose()
    {
        // Serilog disposes its sinks with the logger; the runner disposes this one too: once is enough.
        lock (_lock)
        {
            if (!_disposed)
            {
                _disposed = true;
                file?.Dispose();
            }
        }
    }

    private void WriteConsole(string? text)
    {
        if (live is not null && !string.IsNullOrEmpty(text))
        {
            live.Write(text);
        }
        else if (!string.IsNullOrEmpty(text))
        {
            console.Write(text);
            console.Flush();
        }
    }

    internal static LogEventLevel MinimumFor(Verbosity verbosity) => verbosity switch
    {
        Verbosity.Quiet => LogEventLevel.Error,
        Verbosity.Minimal => LogEventLevel.Warning,
        Verbosity.Normal => LogEventLevel.Information,
        _ => LogEventLevel.Verbose,
    };

    private string Format(LogEvent logEvent, string target, string level, string message, string? exception, bool forFile)
    {
        var prefix = forFile
            ? $"{logEvent.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} {level} {target.PadRight(_targetWidth)} | "
            : $"{logEvent.Timestamp.LocalDateTime:HH:mm:ss} {target.PadRight(_targetWidth)} | {(logEvent.Level >= LogEventLevel.Warning ? level + " " : "")}";
        var builder = new StringBuilder();
        foreach (var line in Lines(message).Concat(exception is null ? [] : Lines(exception)))
        {
            builder.Append(prefix).Append(line).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The message with secrets masked in the property values first: Serilog quotes and escapes strings inside
    /// collections and objects (<c>pa"ss</c> becomes <c>"pa\"ss"</c>), which masking the rendered text would miss.
    /// </summary>
    private string Render(LogEvent logEvent)
    {
        if (masker.HasSecrets)
        {
            logEvent = new LogEvent(logEvent.Timestamp, logEvent.Level, null, logEvent.MessageTemplate,
                logEvent.Properties.Select(p => new LogEventProperty(p.Key, Mask(p.Value))));
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        MessageFormatter.Format(logEvent, text);
        return masker.Apply(text.ToString());
    }

    private LogEventPropertyValue Mask(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } => new ScalarValue(masker.Apply(text)),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Mask)),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(e =>
            new KeyValuePair<ScalarValue, LogEventPropertyValue>((ScalarValue)Mask(e.Key), Mask(e.Value)))),
        _ => value,
    };

    private static IEnumerable<string> Lines(string text) => text.TrimEnd('\r', '\n').Split('\n').Select(l => l.TrimEnd('\r'));

    /// <summary>The three letters a line shows for its level (<c>WRN</c>); test captures render levels the same way.</summary>
    internal static string Level(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VRB",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        _ => "FTL",
    };
}
