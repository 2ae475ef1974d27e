using System.Text.Json;
using Deploy.Prometheus.Tests.Support;
using Deploy.Testing;

namespace Deploy.Prometheus.Tests;

/// <summary>A real build (Tester/TesterBuild.cs) run as a process through the engine's CLI, with the metrics component.</summary>
[Collection(UsesPushgateway.Name)]
public sealed class EndToEndTests(PushgatewayFixture gateway) : IDisposable
{
    // Parameters also come from the environment: keep the developer's own out of the test.
    private readonly BuildProcess _tester = new("Deploy.Prometheus.Tester.dll", "PUSHGATEWAY_", "DEPLOY_");
    private readonly string _job = PushgatewayFixture.NewJob();

    [Fact]
    public async Task A_build_pushes_its_stage_timings_and_says_where_in_its_summary()
    {
        var result = await _tester.RunAsync("--pushgateway-url", gateway.Server.Url.AbsoluteUri, "--pushgateway-job", _job, "--pushgateway-label", "env=e2e");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains($"Metrics pushed to {gateway.Server.Url.AbsoluteUri}metrics/job/{_job}/env/e2e.", result.Output, StringComparison.Ordinal);

        var samples = await gateway.Server.ScrapeJobAsync(_job);
        Assert.Equal(
            [
                "deploy_pipeline_duration_seconds{result=\"succeeded\"}",
                "deploy_pipeline_info{commit=\"0123abcd\",image=\"registry.example/app:0123abcd\",ref=\"refs/heads/main\"}",
                "deploy_pipeline_last_run_timestamp_seconds{}",
                "deploy_pipeline_last_success_timestamp_seconds{}",
                "deploy_stage_duration_seconds{result=\"succeeded\",stage=\"Checkout\"}",
                "deploy_stage_duration_seconds{result=\"succeeded\",stage=\"Compile\"}",
                "deploy_stage_duration_seconds{result=\"succeeded\",stage=\"Publish\"}",
                "deploy_stage_duration_seconds{result=\"succeeded\",stage=\"Test\"}",
            ],
            Observers.Series(samples, "env"));

        // The same durations as the run record's (which rounds to milliseconds: compare with a tolerance, since
        // rounding both to 2 places fails whenever they straddle a boundary), and a wall time that covers them.
        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(_tester.RunRecordPath));
        foreach (var target in record.RootElement.GetProperty("targets").EnumerateArray())
        {
            var pushed = Observers.Value(samples, MetricNames.StageDuration, ("stage", target.GetProperty("name").GetString()!));
            Assert.Equal(target.GetProperty("durationSeconds").GetDouble(), pushed, tolerance: 0.001);
        }

        Assert.Equal(record.RootElement.GetProperty("wallSeconds").GetDouble(), Observers.Value(samples, MetricNames.PipelineDuration), tolerance: 0.005);
        Assert.True(Observers.Value(samples, MetricNames.StageDuration, ("stage", "Compile")) >= 0.05);
    }

    [Fact]
    public async Task A_failing_build_fails_for_its_own_reason_and_keeps_the_last_success_time()
    {
        string[] gatewayArgs = ["--pushgateway-url", gateway.Server.Url.AbsoluteUri, "--pushgateway-job", _job];
        var success = await _tester.RunAsync(gatewayArgs);
        Assert.True(success.ExitCode == 0, success.Output + success.Error);
        var lastSuccess = Observers.Value(await gateway.Server.ScrapeJobAsync(_job), MetricNames.LastSuccess);

        var failure = await _tester.RunAsync([.. gatewayArgs, "--fail-test"]);

        Assert.True(failure.ExitCode == 1, failure.Output + failure.Error);
        var samples = await gateway.Server.ScrapeJobAsync(_job);
        Assert.Equal(lastSuccess, Observers.Value(samples, MetricNames.LastSuccess));
        Assert.True(Observers.Value(samples, MetricNames.LastRun) > lastSuccess);
        Assert.Equal("failed", samples.Single(s => s.Name == MetricNames.PipelineDuration)["result"]);
        Assert.Equal("failed", samples.Single(s => s.Name == MetricNames.StageDuration && s["stage"] == "Test")["result"]);
        Assert.DoesNotContain(samples, s => s["stage"] == "Publish");
    }

    [Fact]
    public async Task A_build_stays_green_when_the_gateway_never_answers()
    {
        using var silent = new SilentServer();

        var result = await _tester.RunAsync("--pushgateway-url", silent.Url.AbsoluteUri, "--pushgateway-timeout", "1s");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains($"Metrics not pushed to {silent.Url.AbsoluteUri}metrics/job/deploy: no answer within 1s.", result.Output, StringComparison.Ordinal);
        Assert.Single(result.Output.Split('\n'), line => line.Contains(" WRN ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_label_stops_the_build_before_anything_runs()
    {
        var result = await _tester.RunAsync("--pushgateway-url", "http://127.0.0.1:9", "--pushgateway-label", "env");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--pushgateway-label 'env' is not name=value", result.Error + result.Output, StringComparison.Ordinal);
        Assert.Contains("\"result\": \"Invalid\"", File.ReadAllText(_tester.RunRecordPath), StringComparison.Ordinal);
    }

    public void Dispose() => _tester.Dispose();
}
