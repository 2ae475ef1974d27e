using System.Collections.Concurrent;
using System.Diagnostics;

namespace Deploy.Build.Tests.Tracing;

/// <summary>
/// Listens to the engine's ActivitySource and keeps every span that ends. Listeners are process-wide and tests run
/// in parallel, so a test reads only the spans of its own trace.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BuildTracing.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The ended spans of one trace, in the order they ended.</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId) => _stopped.Where(a => a.TraceId == traceId).ToList();

    public void Dispose() => _listener.Dispose();
}
