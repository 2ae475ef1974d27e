using System.Text;
using Deploy.Build;
using Deploy.Prometheus.Tests.Support;
using Deploy.Testing;

namespace Deploy.Prometheus.Tests;

/// <summary>What one push carries, in the text format, before any gateway sees it.</summary>
public sealed class ExpositionTests
{
    [Fact]
    public async Task A_successful_run_carries_exactly_the_contract_series_and_nothing_of_the_process()
    {
        var metrics = new RunMetrics();
        var run = Runs.Finished(
            RunResult.Succeeded,
            4.5,
            Runs.Target("Clone", TargetStatus.Succeeded, 1.25, ("commit", "abc123"), ("ref", "main")),
            Runs.Target("Lint", TargetStatus.Skipped),
            Runs.Target("All", TargetStatus.Collective));

        var text = await RenderAsync(metrics.Finish(run));

        Assert.Equal(
            [
                "deploy_pipeline_duration_seconds{result=\"succeeded\"} 4.5",
                "deploy_pipeline_info{commit=\"abc123\",ref=\"main\"} 1",
                $"deploy_pipeline_last_run_timestamp_seconds{{}} {Runs.UnixSeconds(run.FinishedAt)}",
                $"deploy_pipeline_last_success_timestamp_seconds{{}} {Runs.UnixSeconds(run.FinishedAt)}",
                "deploy_stage_duration_seconds{result=\"succeeded\",stage=\"Clone\"} 1.25",
            ],
            PrometheusText.Parse(text).Select(s => s.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains("# TYPE deploy_stage_duration_seconds gauge", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunResult.Failed, "failed")]
    [InlineData(RunResult.Cancelled, "cancelled")]
    public async Task A_run_that_did_not_succeed_carries_no_last_success_time(RunResult result, string label)
    {
        var run = Runs.Finished(result, 2, Runs.Target("Test", TargetStatus.Failed, 2));

        var samples = PrometheusText.Parse(await RenderAsync(new RunMetrics().Finish(run)));

        Assert.DoesNotContain(samples, s => s.Name == MetricNames.LastSuccess);
        Assert.Equal(label, samples.Single(s => s.Name == MetricNames.PipelineDuration)["result"]);
    }

    [Fact]
    public async Task While_the_run_goes_on_only_stage_timings_and_info_are_pushed()
    {
        var metrics = new RunMetrics();
        Assert.True(metrics.Add(Runs.Target("Clone", TargetStatus.Succeeded, 1, ("commit", "abc"))));
        Assert.False(metrics.Add(Runs.Target("Lint", TargetStatus.Skipped)));

        var samples = PrometheusText.Parse(await RenderAsync(metrics.Current));

        Assert.Equal(["deploy_pipeline_info", "deploy_stage_duration_seconds"], samples.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Info_has_no_labels_until_the_run_produces_them()
    {
        var samples = PrometheusText.Parse(await RenderAsync(MetricsSnapshot.Empty));

        var info = Assert.Single(samples);
        Assert.Equal("deploy_pipeline_info{} 1", info.ToString());
    }

    private static async Task<string> RenderAsync(MetricsSnapshot snapshot) => Encoding.UTF8.GetString(await Exposition.RenderAsync(snapshot));
}
