using System.Text.RegularExpressions;
using Deploy.Build.Tests.Support;

// Targets are instance properties by design (the engine finds only those), whether or not a body uses the build's state.
#pragma warning disable CA1822

namespace Deploy.Build.Tests.Execution;

public sealed class FailureTests
{
    /// <summary>Fail throws once Sibling is running; Sibling only ends when its token is cancelled.</summary>
    private sealed class FailWithSibling : DeployBuild
    {
        public Gate SiblingStarted { get; } = new();
        public bool SiblingTokenCancelled { get; private set; }
        public Journal Journal { get; } = new();

        Target Sibling => _ => _.Executes(async ct =>
        {
            SiblingStarted.Open();
            try
            {
                await new Gate().WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                SiblingTokenCancelled = true;
                throw;
            }
        });

        Target Fail => _ => _.Executes(async ct =>
        {
            await SiblingStarted.WaitAsync(ct);
            throw new InvalidOperationException("boom");
        });

        Target AfterFail => _ => _.DependsOn(Fail).Executes(() => Journal.Add("AfterFail"));
        Target AfterSibling => _ => _.DependsOn(Sibling).Executes(() => Journal.Add("AfterSibling"));
        Target All => _ => _.DependsOn(AfterFail, AfterSibling);
    }

    [Fact]
    public async Task A_failure_cancels_the_running_sibling_marks_it_aborted_and_leaves_dependents_not_run()
    {
        using var driver = new BuildDriver();
        var build = new FailWithSibling();

        var result = await driver.RunAsync(build, ["All"]);

        RunAssert.ExitCode(1, result);
        Assert.Equal("Failed", RunAssert.ResultOf(result));
        RunAssert.Statuses(result,
            ("Sibling", "Aborted"), ("Fail", "Failed"), ("AfterFail", "NotRun"), ("AfterSibling", "NotRun"), ("All", "NotRun"));
        Assert.True(build.SiblingTokenCancelled);
        Assert.Empty(build.Journal.Entries);
        Assert.Equal("stopped after a failure elsewhere", RunAssert.ReasonOf(result, "Sibling"));
        Assert.Equal("Fail failed", RunAssert.ReasonOf(result, "AfterFail"));
        Assert.Equal("Sibling was aborted", RunAssert.ReasonOf(result, "AfterSibling"));
    }

    private sealed class FailFirst : DeployBuild
    {
        public Journal Journal { get; } = new();

        Target Fail => _ => _.Executes(() => throw new InvalidOperationException("boom"));
        Target Next => _ => _.Executes(() => Journal.Add("Next"));
        Target Ordered => _ => _.After(Fail).Executes(() => Journal.Add("Ordered"));
        Target Cleanup => _ => _.After(Fail).AssuredAfterFailure().Executes(() => Journal.Add("Cleanup"));
        Target Teardown => _ => _.DependsOn(Fail).AssuredAfterFailure().Executes(() => Journal.Add("Teardown"));
    }

    [Fact]
    public async Task After_a_failure_no_new_target_starts_but_assured_ones_run_and_succeed()
    {
        using var driver = new BuildDriver();
        var build = new FailFirst();

        var result = await driver.RunAsync(build, ["Fail", "Next", "Ordered", "Cleanup", "Teardown", "--parallel", "1"]);

        RunAssert.ExitCode(1, result);
        RunAssert.Statuses(result,
            ("Fail", "Failed"), ("Next", "NotRun"), ("Ordered", "NotRun"), ("Cleanup", "Succeeded"), ("Teardown", "Succeeded"));
        Assert.Equal(["Cleanup", "Teardown"], build.Journal.Entries);
        Assert.Equal("the run stopped after a failure", RunAssert.ReasonOf(result, "Next"));
    }

    [Fact]
    public async Task A_target_ordered_after_a_failed_one_does_not_start_even_with_free_slots()
    {
        using var driver = new BuildDriver();
        var build = new FailFirst();

        var result = await driver.RunAsync(build, ["Fail", "Ordered", "Cleanup", "--parallel", "8"]);

        RunAssert.ExitCode(1, result);
        RunAssert.Statuses(result, ("Fail", "Failed"), ("Ordered", "NotRun"), ("Cleanup", "Succeeded"));
        Assert.Equal(["Cleanup"], build.Journal.Entries);
    }

    /// <summary>Branch is running when Fail fails, and only finishes after the engine has recorded the failure.</summary>
    private sealed class Branches : DeployBuild
    {
        public Branches() => Recorder = new EventRecorder
        {
            OnTargetFinished = e =>
            {
                if (e.Name == "Fail")
                {
                    FailureRecorded.Open();
                }
            },
        };

        public Gate FailureRecorded { get; } = new();
        public Journal Journal { get; } = new();
        public EventRecorder Recorder { get; }
        IRunObserver Observer => Recorder;

        Target Fail => _ => _.Executes(() => throw new InvalidOperationException("boom"));
        Target AfterFail => _ => _.DependsOn(Fail).Executes(() => Journal.Add("AfterFail"));

        Target Branch => _ => _.Executes(async ct =>
        {
            await FailureRecorded.WaitAsync(ct);

            // The engine cancels running targets before it tells observers about the failure, so once the
            // gate is open the token is cancelled, even when this code reached the gate late (a completed
            // gate wins over a cancelled token in WaitAsync).
            ct.ThrowIfCancellationRequested();
            Journal.Add("Branch");
        });

        Target BranchNext => _ => _.DependsOn(Branch).Executes(() => Journal.Add("BranchNext"));
        Target All => _ => _.DependsOn(AfterFail, BranchNext);
    }

    [Fact]
    public async Task Keep_going_lets_an_independent_branch_finish_while_the_failed_targets_dependents_do_not_run()
    {
        using var driver = new BuildDriver();
        var build = new Branches();

        var result = await driver.RunAsync(build, ["All", "--keep-going"]);

        RunAssert.ExitCode(1, result);
        Assert.Equal("Failed", RunAssert.ResultOf(result));
        RunAssert.Statuses(result,
            ("Fail", "Failed"), ("AfterFail", "NotRun"), ("Branch", "Succeeded"), ("BranchNext", "Succeeded"), ("All", "NotRun"));
        Assert.Equal(["Branch", "BranchNext"], build.Journal.Entries);
    }

    [Fact]
    public async Task Without_keep_going_the_same_branch_is_aborted_when_the_failure_is_recorded()
    {
        using var driver = new BuildDriver();
        var build = new Branches();

        var result = await driver.RunAsync(build, ["All"]);

        RunAssert.ExitCode(1, result);
        RunAssert.Statuses(result, ("Fail", "Failed"), ("Branch", "Aborted"), ("BranchNext", "NotRun"));
        Assert.Empty(build.Journal.Entries);
    }

    private sealed class Flaky : DeployBuild
    {
        public Journal Journal { get; } = new();

        Target Lint => _ => _.ProceedAfterFailure().Executes(() => throw new InvalidOperationException("style"));
        Target Compile => _ => _.DependsOn(Lint).Executes(() => Journal.Add("Compile"));
        Target Other => _ => _.Executes(() => Journal.Add("Other"));
    }

    [Fact]
    public async Task A_proceed_after_failure_target_does_not_stop_the_build_but_the_exit_code_is_still_1()
    {
        using var driver = new BuildDriver();
        var build = new Flaky();

        var result = await driver.RunAsync(build, ["Compile", "Other", "--parallel", "1"]);

        RunAssert.ExitCode(1, result);
        Assert.Equal("Failed", RunAssert.ResultOf(result));
        RunAssert.Statuses(result, ("Lint", "Failed"), ("Compile", "Succeeded"), ("Other", "Succeeded"));
        Assert.Equal(["Compile", "Other"], build.Journal.Entries);
        Assert.EndsWith("Build failed: Lint.\n", result.Output, StringComparison.Ordinal);
    }

    private sealed class Refused : DeployBuild
    {
        Target Push => _ => _.Executes(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("The registry refused the push.");
        });
    }

    [Fact]
    public async Task The_failure_message_is_in_the_run_record_the_summary_and_an_error_line_of_the_target()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Refused(), ["Push"]);

        RunAssert.ExitCode(1, result);
        Assert.Equal("The registry refused the push.", RunAssert.ErrorOf(result, "Push"));
        Assert.Null(RunAssert.ReasonOf(result, "Push"));
        var lines = result.Output.Split('\n');
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^\d\d:\d\d:\d\d Push +\| ERR Push failed: The registry refused the push\.$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^Push +Failed +\d:\d\d\.\d\d +\+\d:\d\d\.\d\d +The registry refused the push\.$"));
        Assert.Equal("Build failed: Push.", lines[^2]);
        Assert.Matches(@"(?m)^\S+ ERR Push +\| System\.InvalidOperationException: The registry refused the push\.$", result.LogFile);
    }

    private sealed class BadOutput : DeployBuild
    {
        Target Tag => _ => _.Executes(() => { }).Produces("tag", () => throw new FormatException("no tag yet"));
    }

    [Fact]
    public async Task A_target_whose_output_cannot_be_read_fails_with_that_error()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new BadOutput(), ["Tag"]);

        RunAssert.ExitCode(1, result);
        RunAssert.Statuses(result, ("Tag", "Failed"));
        Assert.Equal("no tag yet", RunAssert.ErrorOf(result, "Tag"));
    }
}
