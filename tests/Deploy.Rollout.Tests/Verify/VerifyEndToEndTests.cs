using System.Globalization;
using System.Net;
using Deploy.Rollout.Tests.Support;
using Docker.DotNet.Models;

namespace Deploy.Rollout.Tests.Verify;

/// <summary>
/// The gates end to end: the real sample service rolled out on the test engine, a real Prometheus scraping it, and
/// the Verify target keeping a good version and rolling a bad one back to the version before.
/// </summary>
[Collection(EngineGroup.Name)]
public sealed class VerifyEndToEndTests(EngineFixture engine) : IAsyncLifetime, IDisposable
{
    // The share of 5xx answers over the last seconds is under 1 %: 1 or 0 ("bool"), so the value is always shown.
    // "or vector(0)": a version that never answered 500 has no 5xx series at all, and that is the good case.
    private const string ErrorRatioBelowOnePercent =
        """(sum(rate(http_requests_received_total{code=~"5.."}[5s])) or vector(0)) / sum(rate(http_requests_received_total[5s])) < bool 0.01""";

    private readonly string _name = $"verify-e2e-{Guid.NewGuid().ToString("N")[..8]}";
    private readonly int _port = FreePort.Next();
    private readonly BuildDriver _driver = new();
    private Docker.ContainerImage? _image;
    private string _previousContainer = "";

    private string Port => _port.ToString(CultureInfo.InvariantCulture);

    private Uri Service => new($"http://127.0.0.1:{_port}/");

    public async Task InitializeAsync()
    {
        _image = await SampleImage.EnsureBuiltAsync(engine);

        // The version before: the sample as it is, healthy.
        var first = await _driver.RunAsync(new VerifyBuild(_image), Rollout());
        Assert.True(first.ExitCode == 0, first.ToString());
        _previousContainer = first.OutputOf("Rollout", "revisionAfter")!;
    }

    [Fact]
    public async Task A_good_version_passes_the_query_gate_and_stays_and_the_kept_previous_version_is_removed()
    {
        await using var prometheus = await PrometheusServer.StartAsync(Service, TimeSpan.FromMilliseconds(500));
        await using var traffic = new Traffic(Service);
        var build = new VerifyBuild(_image);

        var result = await _driver.RunAsync(build, [.. Rollout("--service-env", "GREETING=v2"), .. QueryGate(prometheus.Url)]);

        Assert.True(result.ExitCode == 0, result.ToString() + prometheus.Output);
        Assert.Equal("passed", result.OutputOf("Verify", "verified"));
        Assert.Contains("= 1, passes", result.LogFile, StringComparison.Ordinal);
        var serving = await engine.Docker.Containers.InspectContainerAsync(_name);
        Assert.Equal(result.OutputOf("Rollout", "revisionAfter"), serving.ID);
        Assert.Contains("GREETING=v2", serving.Config.Env);
        Assert.False(await ExistsAsync(_name + "-previous"), "the previous version was kept after the gates passed");
    }

    [Fact]
    public async Task A_version_answering_500_fails_the_query_gate_and_the_previous_version_serves_again()
    {
        await using var prometheus = await PrometheusServer.StartAsync(Service, TimeSpan.FromMilliseconds(500));
        await using var traffic = new Traffic(Service);

        var result = await _driver.RunAsync(new VerifyBuild(_image), [.. Rollout("--service-env", "HELLO_FAILURE_RATE=1"), .. QueryGate(prometheus.Url)]);

        Assert.Equal(1, result.ExitCode);
        var error = result.ErrorOf("Verify")!;
        Assert.Contains($"The gate --verify-query '{ErrorRatioBelowOnePercent}' failed at ", error, StringComparison.Ordinal);
        Assert.Contains("the value was 0.", error, StringComparison.Ordinal);
        Assert.Contains("the previous version", error, StringComparison.Ordinal);
        await AssertThePreviousVersionServesAsync();
        Assert.Equal("Failed", result.StatusOf("Verify"));
        Assert.Equal("Succeeded", result.StatusOf("Rollout"));
    }

    [Fact]
    public async Task An_unreachable_Prometheus_is_inconclusive_fails_the_gate_and_rolls_back()
    {
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Next()}");

        var result = await _driver.RunAsync(new VerifyBuild(_image), [.. Rollout("--service-env", "GREETING=v2"), "--verify-query", "up", "--prometheus-url", nowhere.ToString()]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"the value was no value: Prometheus at {nowhere} did not answer", result.ErrorOf("Verify"), StringComparison.Ordinal);
        await AssertThePreviousVersionServesAsync();
    }

    [Fact]
    public async Task A_verify_url_that_fails_mid_window_rolls_back()
    {
        var check = new CannedHttpServer(HttpStatusCode.OK, "ok");
        var stopping = Task.Run(async () =>
        {
            await Poll.UntilAsync(() => check.Requests.Count >= 2, TimeSpan.FromMinutes(3), "two probes of the verify URL");
            check.Dispose();
        });

        var result = await _driver.RunAsync(
            new VerifyBuild(_image),
            [.. Rollout("--service-env", "GREETING=v2"), "--verify-url", check.Url.ToString(), "--verify-url", Service.ToString(), "--verify-for", "20s", "--verify-interval", "1s"]);
        await stopping;

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($"The gate --verify-url {check.Url} failed at .* \\(evaluation 3 of 21\\): the value was no answer", result.ErrorOf("Verify"));
        await AssertThePreviousVersionServesAsync();
    }

    [Fact]
    public async Task Cancelling_during_verification_puts_the_previous_container_back()
    {
        using var check = new CannedHttpServer(HttpStatusCode.OK, "ok");
        using var ctrlC = new CancellationTokenSource();
        var cancelling = Task.Run(async () =>
        {
            await Poll.UntilAsync(() => check.Requests.Count >= 1, TimeSpan.FromMinutes(3), "the first probe of the verify URL");
            await ctrlC.CancelAsync();
        });

        var result = await _driver.RunAsync(
            new VerifyBuild(_image), [.. Rollout("--service-env", "GREETING=v2"), "--verify-url", check.Url.ToString(), "--verify-for", "10m"], ctrlC.Token);
        await cancelling;

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("Aborted", result.StatusOf("Verify"));
        Assert.Contains($"Verification was cancelled before the gates passed: rolling back {_name}", result.LogFile, StringComparison.Ordinal);
        await AssertThePreviousVersionServesAsync();
        Assert.DoesNotContain("GREETING=v2", (await engine.Docker.Containers.InspectContainerAsync(_name)).Config.Env);
    }

    public async Task DisposeAsync()
    {
        foreach (var container in new[] { _name, _name + "-previous" })
        {
            try
            {
                await engine.Docker.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true });
            }
            catch (global::Docker.DotNet.DockerContainerNotFoundException)
            {
            }
        }
    }

    public void Dispose() => _driver.Dispose();

    private string[] Rollout(params string[] more) =>
        ["Rollout", "Verify", "--skip", "--container-name", _name, "--service-port", Port, "--docker-host", engine.Daemon.Host, "--service-env", "HOST=127.0.0.1", .. more];

    private static string[] QueryGate(Uri prometheus) =>
        ["--verify-query", ErrorRatioBelowOnePercent, "--prometheus-url", prometheus.ToString(), "--verify-for", "10s", "--verify-interval", "2s", "--verify-inconclusive", "pass"];

    private async Task AssertThePreviousVersionServesAsync()
    {
        var serving = await engine.Docker.Containers.InspectContainerAsync(_name);
        Assert.Equal(_previousContainer, serving.ID);
        Assert.True(serving.State.Running);
        using var http = new HttpClient();
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await http.GetAsync(Service);
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            "the previous version answering 200 on /");
        Assert.False(await ExistsAsync(_name + "-previous"));
    }

    private async Task<bool> ExistsAsync(string container)
    {
        var all = await engine.Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.Any(c => c.Names.Contains("/" + container));
    }
}
