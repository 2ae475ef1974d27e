using System.Net;
using Deploy.Rollout.Verify;

namespace Deploy.Rollout.Tests.Verify;

/// <summary>The evaluator against a real Prometheus (and real HTTP servers), on fake time.</summary>
public sealed class GateEvaluatorTests(PrometheusFixture prometheus) : IClassFixture<PrometheusFixture>
{
    [Fact]
    public async Task A_true_query_passes_every_evaluation_over_the_window_and_each_value_is_logged()
    {
        var gates = Gates("vector(1) * 0.5", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));
        var run = new FakeTimeGates(gates);

        var outcome = await run.EvaluateAsync();

        Assert.True(outcome.Passed, run.Log.ToString());
        Assert.Equal(7, outcome.Evaluations);
        Assert.Equal(7, run.Logged);
        Assert.Contains("Verify 7/7 at 2026-12-01T12:00:30.0000000+00:00: --verify-query 'vector(1) * 0.5' = 0.5, passes", run.Log.Information);
    }

    [Fact]
    public async Task A_zero_sample_fails_at_once_quoting_the_query_and_the_value()
    {
        var run = new FakeTimeGates(Gates("vector(0)", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)));

        var outcome = await run.EvaluateAsync();

        Assert.False(outcome.Passed);
        Assert.Equal(1, outcome.Evaluations);
        Assert.Equal(("--verify-query 'vector(0)'", "0", GateVerdict.Fail), (outcome.Failure!.Gate, outcome.Failure.Value, outcome.Failure.Verdict));
        Assert.Equal(run.Time.GetUtcNow(), outcome.At);
    }

    [Fact]
    public async Task One_falsy_sample_of_several_fails_and_the_value_names_each_series()
    {
        // Two real series: Prometheus's own "up" for the dead scrape target is 0.
        await Poll.UntilAsync(async () => (await prometheus.Server.QueryAsync("up")).Count > 0, TimeSpan.FromSeconds(30), "Prometheus's first scrape");
        var run = new FakeTimeGates(Gates("up or label_replace(vector(1), \"job\", \"other\", \"\", \"\")", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)));

        var outcome = await run.EvaluateAsync();

        Assert.False(outcome.Passed);
        Assert.Contains("job=\"pushgateway\"", outcome.Failure!.Value, StringComparison.Ordinal);
        Assert.Contains("{job=\"other\"} 1", outcome.Failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_result_is_inconclusive_and_fails_by_default()
    {
        // A comparison filters: nothing is below zero, so the result is empty.
        var run = new FakeTimeGates(Gates("vector(1) < 0", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)));

        var outcome = await run.EvaluateAsync();

        Assert.Equal((GateVerdict.Inconclusive, "empty result (no series matched)"), (outcome.Failure!.Verdict, outcome.Failure.Value));
        Assert.Contains(run.Log.Information, m => m.Contains("is inconclusive (counted as a failure)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_inconclusive_pass_an_empty_result_passes_the_window()
    {
        var gates = Gates("vector(1) < 0", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)) with { Inconclusive = InconclusiveResult.Pass };
        var run = new FakeTimeGates(gates);

        var outcome = await run.EvaluateAsync();

        Assert.True(outcome.Passed);
        Assert.Equal(3, outcome.Evaluations);
    }

    [Fact]
    public async Task An_unreachable_Prometheus_is_inconclusive_and_fails()
    {
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var run = new FakeTimeGates(Gates("vector(1)", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)) with { PrometheusUrl = nowhere });

        var outcome = await run.EvaluateAsync();

        Assert.Equal(GateVerdict.Inconclusive, outcome.Failure!.Verdict);
        Assert.StartsWith($"no value: Prometheus at {nowhere} did not answer", outcome.Failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_Prometheus_refuses_fails_even_when_inconclusive_passes()
    {
        var gates = Gates("sum(rate(http_requests_total[1m])", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5)) with { Inconclusive = InconclusiveResult.Pass };
        var run = new FakeTimeGates(gates);

        var outcome = await run.EvaluateAsync();

        Assert.Equal(GateVerdict.Fail, outcome.Failure!.Verdict);
        Assert.StartsWith("refused by Prometheus: ", outcome.Failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_that_stops_answering_mid_window_fails_that_evaluation()
    {
        var server = new CannedHttpServer(HttpStatusCode.OK, "ok");
        var gates = new VerifyGates { Urls = [server.Url], For = TimeSpan.FromSeconds(30), Interval = TimeSpan.FromSeconds(5) };
        var run = new FakeTimeGates(gates);

        var outcome = await run.EvaluateAsync(between: evaluation =>
        {
            if (evaluation == 3)
            {
                server.Dispose();
            }
        });

        Assert.Equal(4, outcome.Evaluations);
        Assert.Equal(GateVerdict.Fail, outcome.Failure!.Verdict);
        Assert.StartsWith("no answer (", outcome.Failure.Value, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 0, 15, TimeSpan.Zero), outcome.At);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_url_answering_500_fails_with_the_status_code()
    {
        using var server = new CannedHttpServer(HttpStatusCode.InternalServerError, "boom");
        var run = new FakeTimeGates(new VerifyGates { Urls = [server.Url], For = TimeSpan.FromSeconds(30), Interval = TimeSpan.FromSeconds(5) });

        var outcome = await run.EvaluateAsync();

        Assert.Equal(("500", GateVerdict.Fail), (outcome.Failure!.Value, outcome.Failure.Verdict));
    }

    private VerifyGates Gates(string query, TimeSpan window, TimeSpan interval) =>
        new() { Queries = [query], PrometheusUrl = prometheus.Server.Url, For = window, Interval = interval };
}
