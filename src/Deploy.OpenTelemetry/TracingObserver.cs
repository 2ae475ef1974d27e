using System.Runtime.CompilerServices;
using Deploy.Build;
using Serilog;

namespace Deploy.OpenTelemetry;

/// <summary>
/// Starts exporting when the run starts (before the engine opens the run's span, so it is recorded) and ends the
/// export when the run ends: bounded by the timeout, one warning when the trace did not get through, a summary note
/// either way. Holds no OpenTelemetry type itself: see <see cref="ITraceExport"/>.
/// </summary>
internal sealed class TracingObserver(TracingSettings settings, ILogger log, TimeProvider time) : IRunObserver
{
    private ITraceExport? _export;

    /// <summary>How the export went, once the run has finished.</summary>
    internal ExportReport? Report { get; private set; }

    public void RunStarted(RunStartedEvent run) => _export ??= StartExport();

    public async Task RunFinishedAsync(RunFinishedEvent run, CancellationToken cancellationToken)
    {
        if (_export is not { } export)
        {
            return;
        }

        try
        {
            Report = await export.FinishAsync(cancellationToken).ConfigureAwait(false);
            run.AddSummaryNote(Report.SummaryNote);
            if (!Report.Exported)
            {
                log.Warning("The run's trace was not exported to {Collector:l}: {Error:l}. The build's result does not depend on it.", Report.Where, Report.Error);
            }
        }
        finally
        {
            export.Dispose();
            _export = null;
        }
    }

    // Not inlined: compiling this method is what loads OpenTelemetry, and only a run with an endpoint calls it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "The interface is the point: the caller must not see the OpenTelemetry-holding type.")]
    private ITraceExport StartExport() => new OtlpTraceExport(settings, time);
}
