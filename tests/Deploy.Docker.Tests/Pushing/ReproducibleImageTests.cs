using Deploy.Docker.Tests.Building;
using Deploy.Docker.Tests.Fixtures;
using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Pushing;

/// <summary>
/// The same inputs give the same image (the created label is SOURCE_DATE_EPOCH, not the build's time), and a Push of
/// an image the registry already holds under its tag uploads nothing.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class ReproducibleImageTests(DockerFixture docker)
{
    [Fact]
    public async Task Two_builds_of_the_same_inputs_give_one_image_and_the_second_push_uploads_nothing()
    {
        await using var registry = await RegistryServer.StartAsync();
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\nCOPY a.txt /a.txt\n").With("a.txt", "the same\n");
        var name = "repro-" + Guid.NewGuid().ToString("N")[..8];
        var first = await PushAsync(context, name, registry);
        var second = await PushAsync(context, name, registry);
        try
        {
            Assert.Equal(first.Build.LastImage!.ImageId, second.Build.LastImage!.ImageId);
            Assert.Equal(first.Build.LastPush!.Digest, second.Build.LastPush!.Digest);
            Assert.Contains("is already in the registry as " + first.Build.LastPush.Digest + ": not pushed again", second.Result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("is already in the registry", first.Result.Output, StringComparison.Ordinal);
            var created = await docker.Daemon.Cli.RunAsync(["image", "inspect", "--format", "{{index .Config.Labels \"org.opencontainers.image.created\"}}", first.Build.LastImage.ImageId]);
            Assert.Equal("2023-11-14T22:13:20Z", created.Trim());
            var inputs = await docker.Daemon.Cli.RunAsync(["image", "inspect", "--format", "{{index .Config.Labels \"dev.deploy.inputs\"}}", first.Build.LastImage.ImageId]);
            Assert.Matches("^[0-9a-f]{64}$", inputs.Trim());
        }
        finally
        {
            await docker.Daemon.Cli.TryRunAsync(["image", "rm", "--force", first.Build.LastImage?.ImageId ?? "none"]);
            first.Driver.Dispose();
            second.Driver.Dispose();
        }
    }

    [Fact]
    public async Task A_source_date_epoch_that_is_not_seconds_is_refused_while_planning()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\n");

        using var run = await ImageRun.StartAsync(context, "unix:///nonexistent/docker.sock", "Image", new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "yesterday" });

        EngineTests.NothingRan(run.Result);
        Assert.Contains("SOURCE_DATE_EPOCH is 'yesterday', which is not a time in whole seconds since 1970-01-01 UTC.", run.Result.Error, StringComparison.Ordinal);
    }

    /// <summary>Image and Push in a fresh build root (nothing recorded, so Image builds), at a fixed SOURCE_DATE_EPOCH.</summary>
    private async Task<(BuildDriver Driver, ImageBuild Build, BuildResult Result)> PushAsync(ScratchContext context, string name, RegistryServer registry)
    {
        var driver = new BuildDriver();
        driver.Environment["SOURCE_DATE_EPOCH"] = "1700000000";
        var build = new ImageBuild(context.Path, "feedfacefeedfacefeedfacefeedfacefeedface");
        var result = await driver.RunAsync(build, ["Push", "--skip", "Compile", "--docker-context", ".", "--image-name", name, "--docker-host", docker.Daemon.Host, "--registry", registry.Address]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return (driver, build, result);
    }
}
