namespace Deploy.OpenTelemetry;

/// <summary>How the export went, for the summary and the one warning.</summary>
/// <param name="Where">The traces URL, credentials masked.</param>
/// <param name="Exported">Every span reached the collector.</param>
/// <param name="TraceId">The run's trace, when it had one.</param>
/// <param name="Error">Why not, when not.</param>
internal sealed record ExportReport(string Where, bool Exported, string? TraceId, string? Error)
{
    /// <summary>The line under the build's summary table.</summary>
    public string SummaryNote => Exported
        ? $"Trace {TraceId} exported to {Where}."
        : $"Trace not exported to {Where}: {Error}.";
}
