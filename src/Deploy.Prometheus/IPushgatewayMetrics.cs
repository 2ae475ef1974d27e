using Deploy.Build;

namespace Deploy.Prometheus;

/// <summary>
/// A build component that pushes the run's stage timings to a Prometheus Pushgateway: after every target that
/// ran (in the background) and once at the end. A build that does not want metrics leaves it out; without
/// <c>--pushgateway-url</c> it does nothing at all. A down, slow or wrong gateway never changes the build's
/// result: it costs at most one <c>--pushgateway-timeout</c> at the end, and one warning.
/// </summary>
/// <remarks>The metric names and labels are a contract: see "Metrics (contract)" in DESIGN.md.</remarks>
public interface IPushgatewayMetrics : IDeployBuild
{
    [Parameter("Pushgateway base URL for stage timings, e.g. http://127.0.0.1:9091 (user:password@ allowed, masked); none: no push", Frequent = true)]
    Uri? PushgatewayUrl => GetParameter<Uri>();

    [Parameter("Job name the metrics are pushed under (the job label)")]
    string PushgatewayJob => GetParameter<string>() ?? "deploy";

    [Parameter("Grouping label name=value for the push; repeat the flag for more")]
    string[] PushgatewayLabel => GetParameter<string[]>() ?? [];

    [Parameter("How long the end of the run waits for the final push, retries included")]
    TimeSpan PushgatewayTimeout => GetParameter<TimeSpan?>() ?? TimeSpan.FromSeconds(5);

    /// <summary>
    /// The observer the engine reads once per run: null (nothing to observe) when no URL was given.
    /// Settings that cannot work (a malformed label, a URL that is not http or https) stop the run before
    /// anything starts, with a message that says what to change.
    /// </summary>
    IRunObserver? PushgatewayMetrics => PushgatewayUrl is { } url
        ? PushgatewayObserver.Create(PushgatewaySettings.Create(url, PushgatewayJob, PushgatewayLabel, PushgatewayTimeout), Log, Time)
        : null;
}
