using System.Collections.Concurrent;
using System.Globalization;
using Deploy.Build.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Deploy.Testing;

/// <summary>
/// A Serilog logger (every level) that keeps what it is given, for tests to read and to print when they fail: the
/// one capture sink the test projects share.
/// </summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public CapturedLog() => Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    /// <summary>Every rendered message, in order.</summary>
    public IReadOnlyList<string> Messages => _events.Select(Render).ToList();

    /// <summary>Every line as <c>LVL message</c> (<c>INF</c>, <c>WRN</c>, …), with its exception if any, in order.</summary>
    public IReadOnlyList<string> Lines => _events.Select(e => $"{LineSink.Level(e.Level)} {Render(e)}{(e.Exception is null ? "" : " " + e.Exception)}").ToList();

    /// <summary>The rendered messages at <paramref name="level"/>, in order.</summary>
    public IReadOnlyList<string> At(LogEventLevel level) => _events.Where(e => e.Level == level).Select(Render).ToList();

    /// <summary>The rendered information messages (status lines), in order.</summary>
    public IReadOnlyList<string> Information => At(LogEventLevel.Information);

    /// <summary>The rendered warnings, in order.</summary>
    public IReadOnlyList<string> Warnings => At(LogEventLevel.Warning);

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public override string ToString() => string.Join(Environment.NewLine, Lines);

    private static string Render(LogEvent logEvent) => logEvent.RenderMessage(CultureInfo.InvariantCulture);
}
