using System.Net;
using System.Net.Sockets;
using Deploy.Rollout.Tests.Support;

namespace Deploy.Rollout.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh Rollout</c> fails at Image, Push or Rollout; once the cause is fixed, <c>--continue</c> reruns only
/// what did not succeed, the skipped targets hand on what they produced the first time (the checkout, the publish
/// directory, the image, the digest), and the service serves the commit a full run deploys.
/// </summary>
[Collection(EngineGroup.Name)]
public sealed class ContinueTests(EngineFixture engine, StockBuildClone clone) : IClassFixture<StockBuildClone>
{
    private const string ContinueReason = "succeeded in the previous run (--continue)";

    [Fact]
    public async Task Continue_after_a_failed_Image_deploys_the_commit_a_full_run_deploys()
    {
        await using var run = await StockPipeline.StartAsync(engine, clone, "hello-continue");
        // The image's context is the user's to fix: its Dockerfile copies a file that is not there the first time.
        var context = Path.Combine(run.Root, "image-context");
        Directory.CreateDirectory(context);
        var sample = await File.ReadAllTextAsync(Path.Combine(clone.RepositoryDirectory, "samples", "hello-service", "Dockerfile"));
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), sample.Replace("ENTRYPOINT", "COPY release-notes.txt /release-notes.txt\nENTRYPOINT", StringComparison.Ordinal));
        string[] extra = ["--docker-context", context];

        var failed = await run.BuildAsync(extra);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        AssertStatuses(failed, "Clone=Succeeded Restore=Succeeded Compile=Succeeded Image=Failed");
        Assert.Contains("release-notes.txt", failed.ErrorOf("Image"), StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(context, "release-notes.txt"), "fixed\n");
        var continued = await run.BuildAsync([.. extra, "--continue"]);

        Assert.True(continued.ExitCode == 0, continued.ToString());
        AssertRestored(continued, "Clone", "Restore", "Compile");
        AssertStatuses(continued, "Image=Succeeded Push=Succeeded Rollout=Succeeded");
        // Test runs beside Image: it finished before Image failed (restored now) or was stopped by the failure (runs now).
        var test = continued.StatusOf("Test");
        Assert.True(failed.StatusOf("Test") == "Succeeded" ? test is "Skipped" or "UpToDate" : test == "Succeeded", $"Test: {test}");
        await run.AssertDeploysTheClonedCommitAsync(continued);
    }

    [Fact]
    public async Task Continue_after_a_failed_Push_deploys_the_commit_a_full_run_deploys()
    {
        await using var run = await StockPipeline.StartAsync(engine, clone, "hello-continue");
        await run.Registry.StopAsync();

        var failed = await run.BuildAsync([]);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        AssertStatuses(failed, "Clone=Succeeded Restore=Succeeded Compile=Succeeded Image=Succeeded Push=Failed Rollout=NotRun");

        await run.Registry.RestartAsync();
        var continued = await run.BuildAsync(["--continue"]);

        Assert.True(continued.ExitCode == 0, continued.ToString());
        AssertRestored(continued, "Clone", "Restore", "Compile", "Image");
        Assert.Equal(failed.OutputOf("Image", "imageId"), continued.OutputOf("Image", "imageId"));
        Assert.Equal("Succeeded", continued.StatusOf("Push"));
        await run.AssertDeploysTheClonedCommitAsync(continued);
    }

    [Fact]
    public async Task Continue_after_a_failed_Rollout_deploys_the_commit_a_full_run_deploys()
    {
        await using var run = await StockPipeline.StartAsync(engine, clone, "hello-continue");
        BuildResult failed;
        // Another process holds the service port: the new container cannot bind it, so the rollout fails.
        using (var squatter = new TcpListener(IPAddress.Any, run.Port))
        {
            squatter.Start();
            failed = await run.BuildAsync([]);
        }

        Assert.True(failed.ExitCode == 1, failed.ToString());
        AssertStatuses(failed, "Test=Succeeded Push=Succeeded Rollout=Failed");

        var continued = await run.BuildAsync(["--continue"]);

        Assert.True(continued.ExitCode == 0, continued.ToString());
        AssertRestored(continued, "Clone", "Restore", "Compile", "Test", "Image", "Push");
        Assert.Equal(failed.OutputOf("Push", "digest"), continued.OutputOf("Push", "digest"));
        AssertSameTests(failed, continued);
        await run.AssertDeploysTheClonedCommitAsync(continued);
    }

    /// <summary>
    /// The continued run hands on the first run's test result: as it was, or, when Test was found up to date, as the
    /// cached line (<c>27 passed (cached from …)</c>).
    /// </summary>
    private static void AssertSameTests(BuildResult failed, BuildResult continued)
    {
        var ran = failed.OutputOf("Test", "tests") ?? "";
        var handedOn = continued.OutputOf("Test", "tests") ?? "";
        if (continued.StatusOf("Test") == "UpToDate")
        {
            Assert.StartsWith(ran[..ran.IndexOf(',', StringComparison.Ordinal)] + " (cached from ", handedOn, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(ran, handedOn);
        }
    }

    /// <summary>"Clone=Succeeded Image=Failed": each target's status in the run record.</summary>
    private static void AssertStatuses(BuildResult result, string expected)
    {
        var actual = string.Join(' ', expected.Split(' ').Select(pair => pair.Split('=')[0]).Select(t => $"{t}={result.StatusOf(t)}"));
        Assert.True(expected == actual, $"Expected {expected}, got {actual}:\n{result}");
    }

    /// <summary>
    /// Not run again, and what it hands on restored: skipped by <c>--continue</c>, or, for a target that declares its
    /// inputs (the stock Restore, Compile, Test, Image), found up to date, which the engine checks first.
    /// </summary>
    private static void AssertRestored(BuildResult result, params string[] targets)
    {
        foreach (var target in targets)
        {
            var status = result.StatusOf(target);
            var continued = status == "Skipped" && result.Target(target).GetProperty("reason").GetString() == ContinueReason;
            Assert.True(continued || status == "UpToDate", $"{target} was neither skipped by --continue nor up to date:\n{result}");
            if (continued && target != "Restore")
            {
                Assert.Contains($"{target} succeeded in the previous run: restored what it hands on (--continue)", result.Output, StringComparison.Ordinal);
            }
        }
    }
}
