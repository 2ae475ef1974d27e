using System.Net;
using System.Net.Http.Json;
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
        var port = FreePort.Next();
        await using var service = ChildProcess.Start(Path.Combine(published.Directory, published.Command[0][2..]), [], new Dictionary<string, string?>
        {
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HOST"] = "127.0.0.1",
            ["COMMIT"] = "not-this-one",
        });

        // Kestrel's "Now listening on" line says it is ready.
        await Poll.UntilAsync(() => service.Output.Contains("Now listening on", StringComparison.Ordinal) || service.HasExited, TimeSpan.FromMinutes(1), "the service to listen");
        Assert.False(service.HasExited, $"The service exited before listening:\n{service.Output}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var greeting = await client.GetFromJsonAsync<Greeting>("/");
        using var health = await client.GetAsync("/healthz");

        Assert.Equal(SampleService.Revision, greeting?.Commit);
        Assert.StartsWith("Hello", greeting?.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private sealed record Greeting(string Message, string Commit);

    [GeneratedRegex(@"(?m)^\S+ Test\s+\| Tests: \d+ passed, 0 failed, 0 skipped$")]
    private static partial Regex LoggedCount();
}
