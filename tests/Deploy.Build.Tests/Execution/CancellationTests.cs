using System.Text.RegularExpressions;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Execution;

public sealed class CancellationTests
{
    /// <summary>Running waits until its token is cancelled; Pending needs it; Cleanup is assured.</summary>
    private sealed class LongRun : DeployBuild
    {
        public Gate Started { get; } = new();
        public bool TokenCancelled { get; private set; }
        public Journal Journal { get; } = new();
        public EventRecorder Recorder { get; } = new();
        IRunObserver Observer => Recorder;

        Target Running => _ => _.Executes(async ct =>
        {
            Started.Open();
            try
            {
                await new Gate().WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                TokenCancelled = true;
                throw;
            }
        });

        Target Pending => _ => _.DependsOn(Running).Executes(() => Journal.Add("Pending"));
        Target Later => _ => _.After(Running).Executes(() => Journal.Add("Later"));
        Target Cleanup => _ => _.After(Running).AssuredAfterFailure().Executes(() => Journal.Add("Cleanup"));
    }

    private static async Task<BuildResult> CancelWhileRunningAsync(BuildDriver driver, LongRun build)
    {
        using var cancellation = new CancellationTokenSource();
        var run = driver.RunAsync(build, ["Pending", "Later", "Cleanup"], cancellation: cancellation.Token);
        await build.Started.WaitAsync();
        await cancellation.CancelAsync();
        return await run.WaitAsync(Gate.Timeout);
    }

    [Fact]
    public async Task Cancelling_the_run_cancels_the_running_targets_token_and_marks_it_aborted()
    {
        using var driver = new BuildDriver();
        var build = new LongRun();

        var result = await CancelWhileRunningAsync(driver, build);

        Assert.True(build.TokenCancelled);
        RunAssert.Statuses(result, ("Running", "Aborted"));
        Assert.Equal("cancelled", RunAssert.ReasonOf(result, "Running"));
    }

    [Fact]
    public async Task After_a_cancellation_pending_targets_do_not_run_but_assured_ones_do()
    {
        using var driver = new BuildDriver();
        var build = new LongRun();

        var result = await CancelWhileRunningAsync(driver, build);

        RunAssert.Statuses(result, ("Pending", "NotRun"), ("Later", "NotRun"), ("Cleanup", "Succeeded"));
        Assert.Equal(["Cleanup"], build.Journal.Entries);
        Assert.Equal("the run was cancelled", RunAssert.ReasonOf(result, "Later"));
    }

    [Fact]
    public async Task A_cancelled_run_exits_130_with_result_cancelled_and_says_so()
    {
        using var driver = new BuildDriver();
        var build = new LongRun();

        var result = await CancelWhileRunningAsync(driver, build);

        RunAssert.ExitCode(130, result);
        Assert.Equal("Cancelled", RunAssert.ResultOf(result));
        Assert.EndsWith("\nBuild cancelled.\n", result.Output, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"(?m)^\d\d:\d\d:\d\d deploy +\| WRN Cancelling"), result.Output);
    }

    [Fact]
    public async Task Observers_hear_that_the_run_finished_cancelled_with_every_target()
    {
        using var driver = new BuildDriver();
        var build = new LongRun();

        await CancelWhileRunningAsync(driver, build);

        var finished = build.Recorder.Finished;
        Assert.NotNull(finished);
        Assert.Equal(RunResult.Cancelled, finished.Result);
        Assert.Equal(["Running", "Pending", "Later", "Cleanup"], finished.Targets.Select(t => t.Name));
        Assert.Equal(TargetStatus.Aborted, build.Recorder.FinishedOf("Running").Status);
    }

    private sealed class Quick : DeployBuild
    {
        public Journal Journal { get; } = new();

        Target First => _ => _.Executes(() => Journal.Add("First"));
        Target Second => _ => _.Executes(() => Journal.Add("Second"));
        Target Cleanup => _ => _.AssuredAfterFailure().Executes(() => Journal.Add("Cleanup"));
    }

    [Fact]
    public async Task A_run_cancelled_before_it_starts_runs_only_its_assured_targets()
    {
        using var driver = new BuildDriver();
        var build = new Quick();

        var result = await driver.RunAsync(build, ["First", "Second", "Cleanup"], cancellation: new CancellationToken(canceled: true));

        RunAssert.ExitCode(130, result);
        Assert.Equal(["Cleanup"], build.Journal.Entries);
        RunAssert.Statuses(result, ("First", "NotRun"), ("Second", "NotRun"), ("Cleanup", "Succeeded"));
        Assert.Equal("the run was cancelled", RunAssert.ReasonOf(result, "First"));
    }
}
