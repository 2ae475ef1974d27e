using Deploy.Testing;

namespace Deploy.Prometheus.Tests.Support;

/// <summary>Observers as the component makes them, for a given gateway.</summary>
internal static class Observers
{
    public static PushgatewayObserver For(Uri url, string job, CapturedLog log, TimeSpan? timeout = null, params string[] labels) =>
        For(url, job, log, TimeProvider.System, timeout, labels);

    public static PushgatewayObserver For(Uri url, string job, CapturedLog log, TimeProvider time, TimeSpan? timeout = null, params string[] labels) =>
        PushgatewayObserver.Create(PushgatewaySettings.Create(url, job, labels, timeout ?? TimeSpan.FromSeconds(5)), log.Logger, time);

    /// <summary>The group's series without the gateway's own (push_time_seconds …), as <c>name{labels}</c> minus job and instance.</summary>
    public static IReadOnlyList<string> Series(IEnumerable<PrometheusSample> samples, params string[] alsoLeaveOut)
    {
        string[] leaveOut = ["job", "instance", .. alsoLeaveOut];
        return samples
            .Where(s => s.Name.StartsWith("deploy_", StringComparison.Ordinal))
            .Select(s => s.Name + "{" + string.Join(",", s.Labels.Where(l => !leaveOut.Contains(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static double Value(IEnumerable<PrometheusSample> samples, string name, params (string Label, string Value)[] labels) =>
        samples.Single(s => s.Name == name && labels.All(l => s[l.Label] == l.Value)).Value;
}
