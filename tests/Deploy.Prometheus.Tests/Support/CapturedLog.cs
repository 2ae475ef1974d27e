using System.Collections.Concurrent;
using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Deploy.Prometheus.Tests.Support;

/// <summary>A Serilog logger that keeps what it is given, rendered as the engine renders it.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public CapturedLog() => Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public IReadOnlyList<string> Warnings => Render(LogEventLevel.Warning);

    /// <summary>Every line at every level, exceptions included.</summary>
    public IReadOnlyList<string> Lines => _events.Select(e => e.RenderMessage(CultureInfo.InvariantCulture) + (e.Exception is null ? "" : " " + e.Exception)).ToList();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    private List<string> Render(LogEventLevel level) =>
        _events.Where(e => e.Level == level).Select(e => e.RenderMessage(CultureInfo.InvariantCulture)).ToList();
}
