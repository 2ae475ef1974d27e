using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Deploy.DotNet.Tests.Fixtures;
using Deploy.DotNet.Tests.Support;

namespace Deploy.DotNet.Tests;

public sealed partial class SampleServiceTests(SampleService sample) : IClassFixture<SampleService>
{
    [Fact]
    public void The_sample_restores_compiles_and_passes_its_tests_through_the_components()
    {
        Assert.True(sample.Result.ExitCode == 0, sample.Result.ToString());
        Assert.Equal("Succeeded", sample.Result.StatusOf("Restore"));
        Assert.Equal("Succeeded", sample.Result.StatusOf("Compile"));
        Assert.Equal("Succeeded", sample.Result.StatusOf("Test"));
    }

    [Fact]
    public void Test_counts_the_tests_in_its_outputs_and_log()
    {
        var counts = sample.Build.LastTestResults;

        Assert.NotNull(counts);
        Assert.True(counts.Passed > 0, sample.Result.ToString());
        Assert.Equal(0, counts.Failed);
        Assert.Equal($"{counts.Passed} passed, 0 failed, 0 skipped", sample.Result.OutputOf("Test", "tests"));
        Assert.Matches(LoggedCount(), sample.Result.Output);
    }

    [Fact]
    public void Compile_publishes_a_self_contained_service_into_the_temporary_directory()
    {
        var published = sample.Build.LastPublished;

        Assert.NotNull(published);
        Assert.True(published.SelfContained);
        Assert.Equal("linux-x64", published.Runtime);
        Assert.Equal(["./HelloService"], published.Command);
        Assert.Equal(Path.Combine(sample.Driver.Temp, "publish"), published.Directory);
        Assert.Equal(published.Directory, sample.Result.OutputOf("Compile", "publish"));
        Assert.True(File.Exists(Path.Combine(published.Directory, "libcoreclr.so")), "the runtime is published with the service");
    }

    [Fact]
    public async Task The_published_service_answers_with_the_commit_it_was_built_from()
    {
        var published = sample.Build.LastPublished!;
        var port = FreePort();
        using var service = Start(Path.Combine(published.Directory, published.Command[0][2..]), port);
        try
        {
            await ListeningAsync(service);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            var greeting = await client.GetFromJsonAsync<Greeting>("/");
            using var health = await client.GetAsync("/healthz");

            Assert.Equal(SampleService.Revision, greeting?.Commit);
            Assert.StartsWith("Hello", greeting?.Message, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }
    }

    private sealed record Greeting(string Message, string Commit);

    [GeneratedRegex(@"(?m)^\S+ Test\s+\| Tests: \d+ passed, 0 failed, 0 skipped$")]
    private static partial Regex LoggedCount();

    private static Process Start(string executable, int port)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["COMMIT"] = "not-this-one";
        return Process.Start(start)!;
    }

    /// <summary>Waits for Kestrel's "Now listening on" line instead of polling the port.</summary>
    private static async Task ListeningAsync(Process service)
    {
        var seen = new List<string>();
        while (await service.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)) is { } line)
        {
            seen.Add(line);
            if (line.Contains("Now listening on", StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The service exited before listening:\n{string.Join('\n', seen)}\n{await service.StandardError.ReadToEndAsync()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
