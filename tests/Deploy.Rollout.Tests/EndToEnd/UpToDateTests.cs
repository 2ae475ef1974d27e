using Deploy.Rollout.Tests.Support;
using Docker.DotNet.Models;

namespace Deploy.Rollout.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh Rollout</c> on the real engine, again and again in one build root: an unchanged checkout runs nothing
/// but fingerprinting (Restore to Image up to date, Push and Rollout no-ops: the same container, no new image), a
/// changed source file runs Compile, Test, Image and Rollout, a changed <c>--service-env</c> only redeploys, and
/// <c>--keep-images 1</c> leaves one image of the repository.
/// </summary>
[Collection(EngineGroup.Name)]
public sealed class UpToDateTests(EngineFixture engine, StockBuildClone clone) : IClassFixture<StockBuildClone>, IAsyncLifetime
{
    private StockPipeline? _pipeline;

    private StockPipeline Pipeline => _pipeline!;

    public async Task InitializeAsync() => _pipeline = await StockPipeline.StartAsync(engine, clone, "hello-uptodate");

    public async Task DisposeAsync()
    {
        if (_pipeline is not null)
        {
            await _pipeline.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_unchanged_checkout_changes_nothing_and_a_change_reruns_only_what_reads_it()
    {
        var first = await BuildAsync();
        AssertStatuses(first, "Restore=Succeeded Compile=Succeeded Test=Succeeded Image=Succeeded Push=Succeeded Rollout=Succeeded");
        var container = await engine.Docker.Containers.InspectContainerAsync(Pipeline.ContainerName);
        var images = await ImagesAsync();

        // Nothing changed: nothing but fingerprinting; the registry and the container already have this image.
        var again = await BuildAsync();
        AssertStatuses(again, "Restore=UpToDate Compile=UpToDate Test=UpToDate Image=UpToDate Push=Succeeded Rollout=Succeeded");
        Assert.Contains("is already in the registry as", again.Output, StringComparison.Ordinal);
        Assert.Contains("already runs", again.Output, StringComparison.Ordinal);
        Assert.Contains("nothing to roll out (--force Rollout redeploys)", again.Output, StringComparison.Ordinal);
        Assert.Matches(@"Test\s+UpToDate .*tests: \d+ passed \(cached from ", again.Output);
        var unchanged = await engine.Docker.Containers.InspectContainerAsync(Pipeline.ContainerName);
        Assert.Equal(container.ID, unchanged.ID);
        Assert.Equal(container.State.StartedAt, unchanged.State.StartedAt);
        Assert.Equal(images, await ImagesAsync());
        Assert.Equal(first.OutputOf("Image", "imageId"), again.OutputOf("Image", "imageId"));

        // Another environment for the service: only Rollout does something.
        var env = await BuildAsync("--service-env", "GREETING_MODE=other");
        AssertStatuses(env, "Restore=UpToDate Compile=UpToDate Test=UpToDate Image=UpToDate Rollout=Succeeded");
        Assert.NotEqual(container.ID, (await engine.Docker.Containers.InspectContainerAsync(Pipeline.ContainerName)).ID);

        // A changed service file (committed: the stock build clones): Compile, Test, Image and Rollout run; Restore does not.
        var greeting = Path.Combine(clone.RepositoryDirectory, "samples", "hello-service", "src", "HelloService", "Greeting.cs");
        await File.AppendAllTextAsync(greeting, "\n// changed by UpToDateTests\n");
        await GitAsync("commit", "-q", "-a", "-m", "A change to the service");
        var changed = await BuildAsync("--service-env", "GREETING_MODE=other", "--keep-images", "1");
        AssertStatuses(changed, "Restore=UpToDate Compile=Succeeded Test=Succeeded Image=Succeeded Push=Succeeded Rollout=Succeeded");
        Assert.NotEqual(first.OutputOf("Image", "imageId"), changed.OutputOf("Image", "imageId"));

        // --keep-images 1: the image just deployed is the one left of the repository.
        Assert.Equal([changed.OutputOf("Image", "imageId")!], await ImagesAsync());
    }

    /// <summary>The IDs of the images a Deploy build made for the pipeline's repository, in order.</summary>
    private async Task<List<string>> ImagesAsync()
    {
        var images = await engine.Docker.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { ["dev.deploy.inputs"] = true },
                ["reference"] = new Dictionary<string, bool> { [$"{Pipeline.Registry.Address}/hello-service"] = true },
            },
        });
        return images.Select(i => i.ID).Order(StringComparer.Ordinal).ToList();
    }

    private Task<string> GitAsync(params string[] args) => Script.RunToSuccessAsync("git",
        ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", .. args], clone.RepositoryDirectory);

    private async Task<BuildResult> BuildAsync(params string[] extra)
    {
        var result = await Pipeline.BuildAsync(extra);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>"Compile=UpToDate Image=Succeeded": each target's status in the run record.</summary>
    private static void AssertStatuses(BuildResult result, string expected)
    {
        var actual = string.Join(' ', expected.Split(' ').Select(pair => pair.Split('=')[0]).Select(t => $"{t}={result.StatusOf(t)}"));
        Assert.True(expected == actual, $"Expected {expected}, got {actual}:\n{result}");
    }
}
