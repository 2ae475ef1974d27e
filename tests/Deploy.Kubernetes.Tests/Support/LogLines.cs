using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Deploy.Kubernetes.Tests.Support;

/// <summary>A Serilog logger whose rendered messages the test can read (and print when a test fails).</summary>
internal sealed class LogLines : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public LogLines() => Logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public IReadOnlyList<string> All => [.. _lines];

    /// <summary>The information-level status lines only, in order.</summary>
    public IReadOnlyList<string> Statuses => [.. _lines.Where(l => l.StartsWith("INF ", StringComparison.Ordinal)).Select(l => l[4..])];

    public void Emit(LogEvent logEvent) =>
        _lines.Enqueue($"{logEvent.Level.ToString()[..3].ToUpperInvariant()} {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}");

    public override string ToString() => string.Join(Environment.NewLine, _lines);
}
