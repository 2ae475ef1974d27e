namespace Deploy.Build;

/// <summary>
/// The run as <see cref="System.Diagnostics.Activity"/> spans: the engine starts one for the run and one per
/// planned target from an <see cref="System.Diagnostics.ActivitySource"/> of this name, whenever something
/// listens to it (an OpenTelemetry <c>TracerProvider</c> with <c>AddSource(BuildTracing.ActivitySourceName)</c>,
/// as the <c>Deploy.OpenTelemetry</c> component sets up). While a target runs, <see cref="System.Diagnostics.Activity.Current"/>
/// is its span, and child processes started with <see cref="ProcessExtensions.RunProcessAsync"/> get it as <c>TRACEPARENT</c>.
/// </summary>
public static class BuildTracing
{
    /// <summary>The name of the engine's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "Deploy.Build";
}
