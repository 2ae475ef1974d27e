namespace Deploy.Prometheus;

/// <summary>How pushing went over the whole run, for the summary.</summary>
/// <param name="Where">The group's URL, credentials masked.</param>
/// <param name="FinalPushed">The end-of-run state reached the gateway.</param>
/// <param name="Pushes">How many pushes got through.</param>
/// <param name="Error">Why the final push did not get through.</param>
internal sealed record PushReport(string Where, bool FinalPushed, int Pushes, string? Error)
{
    /// <summary>The line under the build's summary table.</summary>
    public string SummaryNote => FinalPushed
        ? $"Metrics pushed to {Where}."
        : Pushes > 0
            ? $"Metrics: the final push to {Where} failed ({Error}); the gateway holds the timings of an earlier push."
            : $"Metrics not pushed to {Where}: {Error}.";
}
