using System.Globalization;
using Deploy.Build.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Execution;

/// <summary>A target past its .Timeout: its token is cancelled, its process tree killed, and it fails saying so.</summary>
public sealed class TimeoutTests
{
    /// <summary>Hang starts a shell with two sleeping children that never end on their own; Later needs it.</summary>
    private sealed class Hung(string pidFile) : DeployBuild
    {
        public Journal Journal { get; } = new();

        Target Hang => _ => _
            .Timeout(TimeSpan.FromMinutes(5))
            .Executes(ct => this.RunProcessAsync(
                "sh",
                ["-c", "sleep 600 & echo $! >> \"$0\"; sleep 600 & echo $! >> \"$0\"; echo $$ >> \"$0\"; wait", pidFile],
                cancellationToken: ct));

        Target Later => _ => _.DependsOn(Hang).Executes(() => Journal.Add("Later"));
    }

    [Fact]
    public async Task A_target_past_its_timeout_fails_naming_the_timeout_and_its_process_tree_is_gone()
    {
        using var driver = new BuildDriver();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T20:00:00Z", CultureInfo.InvariantCulture));
        driver.Time = time;
        var pidFile = Path.Combine(driver.Root, "pids");
        var build = new Hung(pidFile);

        var run = driver.RunAsync(build, ["Later"]);
        await Poll.UntilAsync(() => File.Exists(pidFile) && File.ReadAllLines(pidFile).Length == 3, TimeSpan.FromSeconds(30), "the shell and its two children to start");
        var pids = File.ReadAllLines(pidFile).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        Assert.All(pids, pid => Assert.True(ProcessTree.IsRunning(pid), $"process {pid} is not running"));

        time.Advance(TimeSpan.FromMinutes(5));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        RunAssert.ExitCode(1, result);
        RunAssert.Statuses(result, ("Hang", "Failed"), ("Later", "NotRun"));
        Assert.Equal(
            "Target 'Hang' did not finish within its timeout of 5 min (.Timeout in its definition), so it was cancelled. If it needs longer, declare a longer .Timeout(...) on it.",
            RunAssert.ErrorOf(result, "Hang"));
        Assert.Empty(build.Journal.Entries);
        Assert.Empty(await ProcessTree.StillRunningAfterAsync(pids, TimeSpan.FromSeconds(10)));
    }

    private sealed class Quick : DeployBuild
    {
        Target Go => _ => _.Timeout(TimeSpan.FromMinutes(1)).Executes(() => Log.Information("done"));
    }

    [Fact]
    public async Task A_target_that_finishes_within_its_timeout_succeeds()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Quick(), ["Go"]);

        RunAssert.ExitCode(0, result);
        RunAssert.Statuses(result, ("Go", "Succeeded"));
    }

    private sealed class Zero : DeployBuild
    {
        Target Go => _ => _.Timeout(TimeSpan.Zero).Executes(() => Log.Information("ran"));
    }

    [Fact]
    public async Task A_timeout_that_is_not_positive_is_a_definition_problem_and_nothing_runs()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Zero(), ["Go"]);

        RunAssert.ExitCode(2, result);
        Assert.Contains("Target 'Go' has Timeout(00:00:00), which is not a positive time.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("| ran", result.Output, StringComparison.Ordinal);
    }
}
