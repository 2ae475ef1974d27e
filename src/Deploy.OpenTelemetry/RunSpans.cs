using System.Diagnostics;
using Deploy.Build;
using OpenTelemetry;

namespace Deploy.OpenTelemetry;

/// <summary>Notes the run's trace id as the engine's run span starts, for the summary line that points to it.</summary>
internal sealed class RunSpans : BaseProcessor<Activity>
{
    private string? _traceId;

    public string? TraceId => Volatile.Read(ref _traceId);

    public override void OnStart(Activity data)
    {
        if (data is { Kind: ActivityKind.Server, Source.Name: BuildTracing.ActivitySourceName })
        {
            Interlocked.CompareExchange(ref _traceId, data.TraceId.ToHexString(), null);
        }
    }
}
