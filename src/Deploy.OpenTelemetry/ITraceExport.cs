namespace Deploy.OpenTelemetry;

/// <summary>
/// A running export of the run's spans. An interface of our own, free of OpenTelemetry types, so the observer that
/// holds one loads nothing of OpenTelemetry until a run with an endpoint starts.
/// </summary>
internal interface ITraceExport : IDisposable
{
    /// <summary>Sends what is left, waiting at most the timeout; never throws for a collector that failed.</summary>
    Task<ExportReport> FinishAsync(CancellationToken cancellationToken);
}
