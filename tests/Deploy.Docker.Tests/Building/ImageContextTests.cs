using System.Text.RegularExpressions;
using Deploy.Build;
using Deploy.Docker.Tests.Fixtures;
using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Building;

/// <summary>Builds through the Image target against the real engine and looks at what reached the image.</summary>
[Collection(DockerTests.Name)]
public sealed partial class ImageContextTests(DockerFixture docker)
{
    [Fact]
    public async Task What_dockerignore_lets_through_is_what_reaches_the_image()
    {
        using var context = new ScratchContext()
            .With("Dockerfile", "FROM scratch\nCOPY . /ctx/\n")
            .With(".dockerignore", "*.log\n!keep.log\n**/secret.txt\ntemp\n")
            .With("app.txt").With("drop.log").With("keep.log").With("a/b/secret.txt").With("a/b/c.txt").With("secret.txt").With("temp/x.txt");

        using var run = await ImageRun.StartAsync(context, docker.Daemon.Host);
        var (result, build) = (run.Result, run.Build);
        try
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            var files = await docker.Daemon.Cli.ListFilesAsync(build.LastImage!.ImageId, "ctx/");
            Assert.Equal(["ctx/.dockerignore", "ctx/Dockerfile", "ctx/a/b/c.txt", "ctx/app.txt", "ctx/keep.log"], files.Order(StringComparer.Ordinal));
        }
        finally
        {
            await docker.Daemon.Cli.RemoveAsync(build.LastImage?.References ?? []);
        }
    }

    [Fact]
    public async Task Build_args_and_the_target_stage_choose_what_is_built()
    {
        using var context = new ScratchContext()
            .With("Dockerfile", "FROM scratch AS picked\nARG FILE\nCOPY ${FILE} /picked\n\nFROM scratch AS last\nCOPY b.txt /last\n")
            .With("a.txt").With("b.txt");

        using var run = await ImageRun.StartAsync(context, docker.Daemon.Host, "Image", null, "--docker-target", "picked", "--build-args", "FILE=a.txt", "--image-tags", "one", "--image-tags", "two");
        var (result, build) = (run.Result, run.Build);
        try
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(["picked"], await docker.Daemon.Cli.ListFilesAsync(build.LastImage!.ImageId));
            Assert.Equal(["feedfac", "one", "two"], build.LastImage.Tags);
            foreach (var reference in build.LastImage.References)
            {
                Assert.Equal(build.LastImage.ImageId, await docker.Daemon.Cli.RunAsync(["image", "inspect", "--format", "{{.Id}}", reference]));
            }
        }
        finally
        {
            await docker.Daemon.Cli.RemoveAsync(build.LastImage?.References ?? []);
        }
    }

    [Fact]
    public async Task A_broken_step_fails_the_target_with_the_daemon_s_error_and_the_step()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\nCOPY here.txt /here\nCOPY missing.txt /x\n").With("here.txt");

        using var run = await ImageRun.StartAsync(context, docker.Daemon.Host);
        var (result, build) = (run.Result, run.Build);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Failed", result.StatusOf("Image"));
        var error = result.ErrorOf("Image")!;
        var step = Assert.Single(StepLine().Matches(error)).Value;
        Assert.Contains("missing.txt", error.Replace(step, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Null(build.LastImage);
    }

    [Fact]
    public async Task A_Dockerfile_that_does_not_parse_is_refused_before_anything_runs()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\nNOSUCHINSTRUCTION x\n");

        using var run = await ImageRun.StartAsync(context, docker.Daemon.Host);
        var result = run.Result;

        EngineTests.NothingRan(result);
        Assert.Contains("does not parse: line 2: unknown instruction 'NOSUCHINSTRUCTION'", result.Error, StringComparison.Ordinal);
    }

    /// <summary>A build whose source an earlier target fetches (as Clone does): the Dockerfile is only there once it ran.</summary>
    private sealed class FetchedSource(string directory) : DeployBuild, IImage
    {
        private bool _fetched;

        string IImage.ImageSourceDirectory => directory;

        bool IImage.HasImageSource => _fetched;

        Target Fetch => _ => _
            .DependentFor<IImage>(x => x.Image)
            .Executes(() =>
            {
                File.WriteAllText(Path.Combine(directory, "Dockerfile"), "FROM scratch\nCOPPY a /a\n");
                _fetched = true;
            });
    }

    [Fact]
    public async Task The_Dockerfile_of_a_fetched_source_is_checked_as_soon_as_it_is_there_before_Image_starts()
    {
        using var source = new ScratchContext();
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new FetchedSource(source.Path), ["Image", "--image-name", "fetched", "--docker-host", docker.Daemon.Host]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("Succeeded", result.StatusOf("Fetch"));
        Assert.Equal("Failed", result.StatusOf("Image"));
        Assert.Contains("does not parse: line 2: unknown instruction 'COPPY'", result.ErrorOf("Image"), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.Target("Image").GetProperty("startedAt").ValueKind);
    }

    private sealed class StaticPublish(string directory, string published) : DeployBuild, IImage
    {
        string IImage.ImageSourceDirectory => directory;

        string? IImage.PublishedDirectory => published;
    }

    [Fact]
    public async Task A_Dockerfile_copying_shared_libraries_of_a_static_binary_is_refused_saying_which_line_to_remove()
    {
        using var source = new ScratchContext().With("Dockerfile", "FROM scratch\nCOPY .deploy/rootfs/ /\nCOPY .deploy/publish/ /app/\n");
        using var published = new ScratchContext().With("hello", "not an ELF file: links nothing");
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new StaticPublish(source.Path, published.Path), ["Image", "--image-name", "static", "--docker-host", docker.Daemon.Host]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Failed", result.StatusOf("Image"));
        Assert.Contains("links no shared library", result.ErrorOf("Image"), StringComparison.Ordinal);
        Assert.Contains("Remove the COPY .deploy/rootfs/ line", result.ErrorOf("Image"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_Dockerfile_is_named_before_anything_is_sent()
    {
        using var context = new ScratchContext().With("a.txt");

        using var run = await ImageRun.StartAsync(context, docker.Daemon.Host);
        var result = run.Result;

        EngineTests.NothingRan(result);
        Assert.Contains("Dockerfile", result.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    // The classic builder counts the label steps it appends: "Step 3/7".
    [GeneratedRegex(@"Step 3/\d+ : COPY missing\.txt /x")]
    private static partial Regex StepLine();
}
