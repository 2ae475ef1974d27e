using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelloService.Tests;

/// <summary>/metrics counts requests by status code, so a gate can compare a version's 500s with its requests.</summary>
public sealed partial class MetricsTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Metrics_count_requests_by_status_code()
    {
        using var client = factory.CreateClient();
        var before = await CountAsync(client, "200");

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // prometheus-net's registry is per process: other tests' requests add to it, so compare with before.
        Assert.True(await CountAsync(client, "200") >= before + 3);
    }

    [Fact]
    public async Task With_a_failure_rate_that_share_of_requests_answers_500_and_is_counted()
    {
        using var failing = factory.WithWebHostBuilder(host => host.UseSetting(FailureRate.Variable, "0.5"));
        using var client = failing.CreateClient();
        var before = await CountAsync(client, "500");

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/");
            codes.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.InternalServerError], codes);
        Assert.Equal(before + 2, await CountAsync(client, "500"));
    }

    [Fact]
    public async Task A_failing_version_still_answers_its_health_check_and_metrics()
    {
        using var failing = factory.WithWebHostBuilder(host => host.UseSetting(FailureRate.Variable, "1"));
        using var client = failing.CreateClient();

        using var health = await client.GetAsync("/healthz");
        using var root = await client.GetAsync("/");
        using var metrics = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, root.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    /// <summary>The sum of <c>http_requests_received_total</c> for <c>GET /</c> with this status code.</summary>
    private static async Task<double> CountAsync(HttpClient client, string code)
    {
        var text = await client.GetStringAsync("/metrics");
        return CounterLine().Matches(text)
            .Where(m => m.Groups["labels"].Value.Contains($"code=\"{code}\"", StringComparison.Ordinal)
                && m.Groups["labels"].Value.Contains("endpoint=\"/\"", StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^http_requests_received_total\{(?<labels>[^}]*)\} (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex CounterLine();
}
