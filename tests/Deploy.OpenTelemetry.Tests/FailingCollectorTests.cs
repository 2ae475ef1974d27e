using System.Diagnostics;
using System.Net;
using Deploy.OpenTelemetry.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.OpenTelemetry.Tests;

/// <summary>A collector that is down, hangs or refuses never changes the build's result: a bounded wait, one warning.</summary>
public sealed class FailingCollectorTests : IDisposable
{
    // Generous: the bound under test is the timeout, the slack is for a busy machine (the run itself takes ~0.1 s).
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(4);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero));
    private readonly BuildDriver _driver;

    public FailingCollectorTests() => _driver = new BuildDriver { Time = _clock };

    private async Task<(BuildResult Result, TimeSpan Elapsed)> RunAsync(TracedBuild build, Uri endpoint, string timeout = "1s")
    {
        var watch = Stopwatch.StartNew();
        var result = await _driver.RunAsync(build, ["Publish", "--parallel", "1", "--otlp-endpoint", endpoint.AbsoluteUri, "--otlp-timeout", timeout]);
        return (result, watch.Elapsed);
    }

    private static string[] Warnings(BuildResult result) =>
        result.Output.Split('\n').Where(line => line.Contains(" WRN ", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task A_dead_collector_costs_one_warning_and_the_build_still_succeeds()
    {
        var port = FreePort.Next();
        var endpoint = new Uri($"http://127.0.0.1:{port}");

        var (result, elapsed) = await RunAsync(new TracedBuild(_clock), endpoint);

        Assert.True(result.ExitCode == 0, result.ToString());
        var warning = Assert.Single(Warnings(result));
        Assert.Contains($"The run's trace was not exported to http://127.0.0.1:{port}/v1/traces: ", warning, StringComparison.Ordinal);
        Assert.True(warning.Contains("refused", StringComparison.OrdinalIgnoreCase), warning);
        Assert.Contains($"Trace not exported to http://127.0.0.1:{port}/v1/traces", result.Output, StringComparison.Ordinal);
        Assert.Equal("Succeeded", result.RunRecord.GetProperty("result").GetString());
        Assert.True(elapsed < TimeSpan.FromSeconds(1) + Slack, $"the run took {elapsed}");
    }

    [Fact]
    public async Task A_collector_that_never_answers_ends_the_build_within_the_timeout()
    {
        using var silent = new SilentServer();

        var (result, elapsed) = await RunAsync(new TracedBuild(_clock), silent.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        var warning = Assert.Single(Warnings(result));
        Assert.Contains($"The run's trace was not exported to {silent.Url}v1/traces: no answer within 1s.", warning, StringComparison.Ordinal);
        Assert.True(silent.Connections > 0, "the exporter never connected");
        Assert.True(elapsed < TimeSpan.FromSeconds(1) + Slack, $"the run took {elapsed}");
    }

    [Fact]
    public async Task A_failing_build_with_a_dead_collector_fails_for_its_own_reason()
    {
        var (result, _) = await RunAsync(new TracedBuild(_clock) { FailTest = true }, new Uri($"http://127.0.0.1:{FreePort.Next()}"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("3 tests failed", result.ErrorOf("Test"));
        Assert.Single(Warnings(result));
    }

    [Fact]
    public async Task A_collector_that_refuses_the_export_is_named_with_its_status()
    {
        using var collector = OtlpReceiver.Start();
        collector.Status = HttpStatusCode.ServiceUnavailable;

        var (result, _) = await RunAsync(new TracedBuild(_clock), collector.Url, timeout: "2s");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("the collector answered 503 Service Unavailable", Assert.Single(Warnings(result)), StringComparison.Ordinal);
    }

    public void Dispose() => _driver.Dispose();
}
