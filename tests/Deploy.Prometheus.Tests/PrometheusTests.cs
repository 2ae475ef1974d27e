using System.Globalization;
using System.Text.Json;
using Deploy.Prometheus.Tests.Support;
using Deploy.Testing;

namespace Deploy.Prometheus.Tests;

/// <summary>
/// The metrics end to end: the Tester build run as a process pushes to a real Pushgateway, a real Prometheus
/// scrapes it (honor_labels), and the HTTP API answers with what the run record says.
/// </summary>
[Collection(UsesPrometheus.Name)]
public sealed class PrometheusTests(MetricsStackFixture stack) : IDisposable
{
    private static readonly TimeSpan ScrapeDeadline = TimeSpan.FromSeconds(30);
    private readonly BuildProcess _tester = new("Deploy.Prometheus.Tester.dll", "PUSHGATEWAY_", "DEPLOY_");
    private readonly string _job = PushgatewayFixture.NewJob();

    private string[] GatewayArgs => ["--pushgateway-url", stack.Gateway.Url.AbsoluteUri, "--pushgateway-job", _job, "--pushgateway-label", "env=e2e", "--pushgateway-label", "team=payments"];

    [Fact]
    public async Task Every_stage_duration_in_Prometheus_is_the_run_records_and_the_grouping_labels_survive()
    {
        var result = await _tester.RunAsync(GatewayArgs);
        Assert.True(result.ExitCode == 0, result.ToString());
        await ScrapedRunAsync(after: 0);

        var stages = await stack.Prometheus.QueryAsync($"deploy_stage_duration_seconds{{job=\"{_job}\"}}");
        using var record = JsonDocument.Parse(await File.ReadAllTextAsync(_tester.RunRecordPath));
        var targets = record.RootElement.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(targets.Select(t => t.GetProperty("name").GetString()).Order(StringComparer.Ordinal), stages.Select(s => s["stage"]).Order(StringComparer.Ordinal));
        foreach (var target in targets)
        {
            var stage = stages.Single(s => s["stage"] == target.GetProperty("name").GetString());
            Assert.Equal(target.GetProperty("durationSeconds").GetDouble(), stage.Value, tolerance: 0.001);

            // As pushed: the job and the grouping labels, not exported_job or the scrape's instance.
            Assert.Equal($"env=\"e2e\",job=\"{_job}\",result=\"succeeded\",stage=\"{stage["stage"]}\",team=\"payments\"", stage.LabelText);
        }

        var wall = Assert.Single(await stack.Prometheus.QueryAsync($"deploy_pipeline_duration_seconds{{job=\"{_job}\"}}"));
        Assert.Equal(record.RootElement.GetProperty("wallSeconds").GetDouble(), wall.Value, tolerance: 0.005);
        var info = Assert.Single(await stack.Prometheus.QueryAsync($"deploy_pipeline_info{{job=\"{_job}\"}}"));
        Assert.Equal(("0123abcd", "refs/heads/main", "registry.example/app:0123abcd"), (info["commit"], info["ref"], info["image"]));
    }

    [Fact]
    public async Task A_failed_run_leaves_the_last_success_time_where_it_was()
    {
        Assert.Equal(0, (await _tester.RunAsync(GatewayArgs)).ExitCode);
        var firstRun = await ScrapedRunAsync(after: 0);
        var lastSuccess = await ValueAsync($"deploy_pipeline_last_success_timestamp_seconds{{job=\"{_job}\"}}");
        Assert.Equal(firstRun, lastSuccess);

        var failed = await _tester.RunAsync([.. GatewayArgs, "--fail-test"]);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        var secondRun = await ScrapedRunAsync(after: firstRun);

        Assert.True(secondRun > lastSuccess);
        Assert.Equal(lastSuccess, await ValueAsync($"deploy_pipeline_last_success_timestamp_seconds{{job=\"{_job}\"}}"));
        Assert.Equal("failed", Assert.Single(await stack.Prometheus.QueryAsync($"deploy_pipeline_duration_seconds{{job=\"{_job}\"}}"))["result"]);
    }

    [Fact]
    public async Task The_READMEs_queries_answer_on_a_real_Prometheus()
    {
        var queries = ReadmeQueries().Select(q => q.Replace("job=\"deploy\"", $"job=\"{_job}\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, queries.Count);

        // Three runs, each seen by a scrape: succeeded, failed, succeeded. Each stage's longest run, from the run records.
        var longest = new Dictionary<string, double>(StringComparer.Ordinal);
        var seen = 0.0;
        foreach (var extra in new[] { Array.Empty<string>(), ["--fail-test"], [] })
        {
            await _tester.RunAsync([.. GatewayArgs, .. extra]);
            seen = await ScrapedRunAsync(after: seen);
            using var record = JsonDocument.Parse(await File.ReadAllTextAsync(_tester.RunRecordPath));
            foreach (var target in record.RootElement.GetProperty("targets").EnumerateArray().Where(t => t.GetProperty("status").GetString() is "Succeeded" or "Failed"))
            {
                var name = target.GetProperty("name").GetString()!;
                longest[name] = Math.Max(longest.GetValueOrDefault(name), target.GetProperty("durationSeconds").GetDouble());
            }
        }

        var slowest = await stack.Prometheus.QueryAsync(queries[0]);
        Assert.Equal(3, slowest.Count);
        Assert.All(slowest, s => Assert.Equal(longest[s["stage"]!], s.Value, tolerance: 0.001));

        // The stage left out ran no longer than any shown (the run record keeps milliseconds, so ties within one).
        var shown = slowest.Select(s => s["stage"]!).ToHashSet(StringComparer.Ordinal);
        Assert.All(longest.Where(p => !shown.Contains(p.Key)), p => Assert.True(p.Value <= slowest.Min(s => s.Value) + 0.001, $"{p.Key} took {p.Value} s"));

        // Of the two runs after the first one in the window, one failed.
        Assert.Equal(0.5, Assert.Single(await stack.Prometheus.QueryAsync(queries[1])).Value, tolerance: 1e-9);

        // The last success was the run that just ended.
        Assert.InRange(Assert.Single(await stack.Prometheus.QueryAsync(queries[2])).Value, 0, 120);
    }

    /// <summary>The queries of README.md's one <c>promql</c> block, comment lines left out.</summary>
    private static List<string> ReadmeQueries()
    {
        var readme = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        var start = Array.FindIndex(readme, line => line.Trim() == "```promql");
        Assert.True(start >= 0, "README.md has no ```promql block.");
        return readme.Skip(start + 1).TakeWhile(line => line.Trim() != "```")
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
    }

    /// <summary>Waits until Prometheus has scraped a run that ended after <paramref name="after"/>; its end time.</summary>
    private async Task<double> ScrapedRunAsync(double after)
    {
        var lastRun = 0.0;
        await Poll.UntilAsync(
            async () =>
            {
                var samples = await stack.Prometheus.QueryAsync($"deploy_pipeline_last_run_timestamp_seconds{{job=\"{_job}\"}}");
                lastRun = samples.Count == 1 ? samples[0].Value : 0;
                return lastRun > after;
            },
            ScrapeDeadline,
            $"Prometheus to scrape a run of job {_job} that ended after {after.ToString(CultureInfo.InvariantCulture)}");
        return lastRun;
    }

    private async Task<double> ValueAsync(string query) => Assert.Single(await stack.Prometheus.QueryAsync(query)).Value;

    public void Dispose() => _tester.Dispose();
}
