using Deploy.Build;
using Deploy.Prometheus.Tests.Support;
using Deploy.Testing;

namespace Deploy.Prometheus.Tests;

/// <summary>What a real Pushgateway holds after the observer pushed to it.</summary>
[Collection(UsesPushgateway.Name)]
public sealed class GatewayTests(PushgatewayFixture gateway)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly CapturedLog _log = new();
    private readonly string _job = PushgatewayFixture.NewJob();

    [Fact]
    public async Task A_successful_run_leaves_exactly_the_documented_series()
    {
        var run = Runs.Finished(
            RunResult.Succeeded,
            7.5,
            Runs.Target("Clone", TargetStatus.Succeeded, 1.5, ("commit", "0123abcd"), ("ref", "refs/heads/main")),
            Runs.Target("Lint", TargetStatus.Skipped),
            Runs.Target("Image", TargetStatus.Succeeded, 4.25, ("image", "registry.example/app:0123abcd")),
            Runs.Target("All", TargetStatus.Collective));
        using var observer = Observers.For(gateway.Server.Url, _job, _log);

        await Runs.PlayAsync(observer, run);

        var samples = await gateway.Server.ScrapeJobAsync(_job);
        Assert.Equal(
            [
                "deploy_pipeline_duration_seconds{result=\"succeeded\"}",
                "deploy_pipeline_info{commit=\"0123abcd\",image=\"registry.example/app:0123abcd\",ref=\"refs/heads/main\"}",
                "deploy_pipeline_last_run_timestamp_seconds{}",
                "deploy_pipeline_last_success_timestamp_seconds{}",
                "deploy_stage_duration_seconds{result=\"succeeded\",stage=\"Clone\"}",
                "deploy_stage_duration_seconds{result=\"succeeded\",stage=\"Image\"}",
            ],
            Observers.Series(samples));
        Assert.Equal(1.5, Observers.Value(samples, MetricNames.StageDuration, ("stage", "Clone")), 6);
        Assert.Equal(4.25, Observers.Value(samples, MetricNames.StageDuration, ("stage", "Image")), 6);
        Assert.Equal(7.5, Observers.Value(samples, MetricNames.PipelineDuration), 6);
        Assert.Equal(Runs.UnixSeconds(run.FinishedAt), Observers.Value(samples, MetricNames.LastRun), tolerance: 0.001);
        Assert.Equal(Runs.UnixSeconds(run.FinishedAt), Observers.Value(samples, MetricNames.LastSuccess), tolerance: 0.001);
        Assert.Equal(1, Observers.Value(samples, MetricNames.Info));
        Assert.Equal(0, Observers.Value(samples, "push_failure_time_seconds"));
        Assert.Equal($"Metrics pushed to {gateway.Server.Url.AbsoluteUri}metrics/job/{_job}.", observer.Report?.SummaryNote);
        Assert.Empty(_log.Warnings);
    }

    [Fact]
    public async Task A_failed_run_keeps_the_last_success_time()
    {
        var succeeded = Runs.Finished(RunResult.Succeeded, 3, Runs.Target("Build", TargetStatus.Succeeded, 2), Runs.Target("Test", TargetStatus.Succeeded, 1));
        using (var first = Observers.For(gateway.Server.Url, _job, _log))
        {
            await Runs.PlayAsync(first, succeeded);
        }

        var failed = new RunFinishedEvent(
            RunResult.Failed,
            succeeded.FinishedAt.AddMinutes(10),
            succeeded.FinishedAt.AddMinutes(10).AddSeconds(4),
            [Runs.Target("Build", TargetStatus.Succeeded, 2.5), Runs.Target("Test", TargetStatus.Failed, 1.5)]);
        using (var second = Observers.For(gateway.Server.Url, _job, _log))
        {
            await Runs.PlayAsync(second, failed);
        }

        var samples = await gateway.Server.ScrapeJobAsync(_job);
        Assert.Equal(Runs.UnixSeconds(succeeded.FinishedAt), Observers.Value(samples, MetricNames.LastSuccess), tolerance: 0.001);
        Assert.Equal(Runs.UnixSeconds(failed.FinishedAt), Observers.Value(samples, MetricNames.LastRun), tolerance: 0.001);
        Assert.Equal("failed", samples.Single(s => s.Name == MetricNames.PipelineDuration)["result"]);
        Assert.Equal("failed", samples.Single(s => s.Name == MetricNames.StageDuration && s["stage"] == "Test")["result"]);
        Assert.Equal(2.5, Observers.Value(samples, MetricNames.StageDuration, ("stage", "Build")), 6);
    }

    [Fact]
    public async Task A_cancelled_run_pushes_result_cancelled()
    {
        var run = Runs.Finished(RunResult.Cancelled, 2, Runs.Target("Build", TargetStatus.Succeeded, 1), Runs.Target("Deploy", TargetStatus.Aborted, 0.75), Runs.Target("Verify", TargetStatus.NotRun));
        using var observer = Observers.For(gateway.Server.Url, _job, _log);

        await Runs.PlayAsync(observer, run);

        var samples = await gateway.Server.ScrapeJobAsync(_job);
        Assert.Equal(
            [
                "deploy_pipeline_duration_seconds{result=\"cancelled\"}",
                "deploy_pipeline_info{}",
                "deploy_pipeline_last_run_timestamp_seconds{}",
                "deploy_stage_duration_seconds{result=\"aborted\",stage=\"Deploy\"}",
                "deploy_stage_duration_seconds{result=\"succeeded\",stage=\"Build\"}",
            ],
            Observers.Series(samples));
    }

    [Fact]
    public async Task A_grouping_label_with_a_slash_is_kept_whole()
    {
        using var observer = Observers.For(gateway.Server.Url, _job, _log, labels: ["path=/srv/app/releases", "env=staging"]);

        await Runs.PlayAsync(observer, Runs.Finished(RunResult.Succeeded, 1, Runs.Target("Build", TargetStatus.Succeeded, 1)));

        var samples = await gateway.Server.ScrapeJobAsync(_job);
        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.Equal("/srv/app/releases", s["path"]));
        Assert.All(samples, s => Assert.Equal("staging", s["env"]));
        Assert.EndsWith($"/metrics/job/{_job}/path@base64/L3Nydi9hcHAvcmVsZWFzZXM/env/staging.", observer.Report?.SummaryNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stage_timings_are_visible_while_the_run_is_still_going()
    {
        using var observer = Observers.For(gateway.Server.Url, _job, _log);
        observer.RunStarted(new RunStartedEvent(Runs.Start, ["Clone", "Deploy"], 1));

        observer.TargetFinished(Runs.Target("Clone", TargetStatus.Succeeded, 1.5));

        // Deploy still runs (hung, say): Clone's timing is on the gateway already, the run's own series are not.
        await Poll.UntilAsync(async () => (await gateway.Server.ScrapeJobAsync(_job)).Any(s => s.Name == MetricNames.StageDuration), Deadline, "Clone's timing on the gateway");
        var samples = await gateway.Server.ScrapeJobAsync(_job);
        Assert.Equal(["deploy_pipeline_info{}", "deploy_stage_duration_seconds{result=\"succeeded\",stage=\"Clone\"}"], Observers.Series(samples));
        await observer.RunFinishedAsync(Runs.Finished(RunResult.Succeeded, 3, Runs.Target("Clone", TargetStatus.Succeeded, 1.5), Runs.Target("Deploy", TargetStatus.Succeeded, 1.5)), CancellationToken.None);
    }
}
