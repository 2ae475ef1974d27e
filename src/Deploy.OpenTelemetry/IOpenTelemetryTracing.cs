using Deploy.Build;

namespace Deploy.OpenTelemetry;

/// <summary>
/// A build component that exports the run as one OpenTelemetry trace over OTLP/HTTP (protobuf): the engine's span
/// for the run and one per target (see <see cref="BuildTracing"/>). Without an endpoint (<c>--otlp-endpoint</c> or
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) it does nothing and loads nothing of OpenTelemetry. A dead, slow or wrong
/// collector never changes the build's result: it costs at most one <c>--otlp-timeout</c> at the end, and one warning.
/// </summary>
public interface IOpenTelemetryTracing : IDeployBuild
{
    [Parameter("OTLP/HTTP collector base URL for the run's trace, e.g. http://127.0.0.1:4318 (/v1/traces is appended); default OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, as is); none: no trace. Also read: OTEL_EXPORTER_OTLP_HEADERS, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES")]
    Uri? OtlpEndpoint => GetParameter<Uri>();

    [Parameter("How long the end of the run waits for the trace to reach the collector")]
    TimeSpan OtlpTimeout => GetParameter<TimeSpan?>() ?? TimeSpan.FromSeconds(5);

    /// <summary>
    /// The observer the engine reads once per run: null when no endpoint is set. Settings that cannot work (an
    /// endpoint that is not http or https, headers that are not name=value pairs, another protocol) stop the run
    /// before anything starts, with a message that says what to change (and never a header's value).
    /// </summary>
    IRunObserver? OpenTelemetryTracing => TracingSettings.Read(OtlpEndpoint, OtlpTimeout, name => EnvironmentVariables.GetValueOrDefault(name)) is { } settings
        ? new TracingObserver(settings, Log, Time)
        : null;
}
