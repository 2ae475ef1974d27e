using Deploy.Build.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Execution;

public sealed class ObserverTests
{
    /// <summary>A build that observes its own run, on a fake clock each target moves forward.</summary>
    private sealed class SelfObserved(FakeTimeProvider clock) : DeployBuild, IRunObserver
    {
        public List<string> Calls { get; } = [];
        public List<TargetFinishedEvent> Finished { get; } = [];
        public RunStartedEvent? Started { get; private set; }
        public RunFinishedEvent? Ended { get; private set; }
        public string Commit { get; private set; } = "";

        Target Clone => _ => _.Executes(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            Commit = "4f2a9c1";
        }).Produces("commit", () => Commit);

        Target Lint => _ => _.OnlyWhenStatic(() => Commit == "never");
        Target Compile => _ => _.DependsOn(Clone).Executes(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(1500));
            throw new InvalidOperationException("CS1002: ; expected");
        });

        Target Pack => _ => _.DependsOn(Compile).Executes(() => { });

        public void RunStarted(RunStartedEvent run)
        {
            Started = run;
            Calls.Add("RunStarted");
        }

        public void TargetStarted(TargetStartedEvent target) => Calls.Add("TargetStarted " + target.Name);

        public void TargetFinished(TargetFinishedEvent target)
        {
            Finished.Add(target);
            Calls.Add($"TargetFinished {target.Name} {target.Status}");
        }

        public Task RunFinishedAsync(RunFinishedEvent run, CancellationToken cancellationToken)
        {
            Ended = run;
            Calls.Add("RunFinished " + run.Result);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_build_that_implements_IRunObserver_hears_every_event_in_order()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero));
        using var driver = new BuildDriver { Time = clock };
        var build = new SelfObserved(clock);

        var result = await driver.RunAsync(build, ["Pack", "Lint", "--parallel", "1"]);

        RunAssert.ExitCode(1, result);
        Assert.Equal(
        [
            "RunStarted",
            "TargetStarted Clone", "TargetFinished Clone Succeeded",
            "TargetFinished Lint Skipped",
            "TargetStarted Compile", "TargetFinished Compile Failed",
            "TargetFinished Pack NotRun",
            "RunFinished Failed",
        ], build.Calls);
        Assert.Equal(["Clone", "Lint", "Compile", "Pack"], build.Started!.Targets);
        Assert.Equal(1, build.Started.Parallelism);
    }

    [Fact]
    public async Task TargetFinished_carries_status_times_duration_reason_error_and_outputs()
    {
        var start = new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        using var driver = new BuildDriver { Time = clock };
        var build = new SelfObserved(clock);

        await driver.RunAsync(build, ["Pack", "Lint", "--parallel", "1"]);

        var clone = build.Finished.Single(t => t.Name == "Clone");
        Assert.Equal(new TargetFinishedEvent("Clone", TargetStatus.Succeeded, start, start.AddSeconds(2), TimeSpan.FromSeconds(2), null, null, clone.Outputs), clone);
        Assert.Equal(new Dictionary<string, string> { ["commit"] = "4f2a9c1" }, clone.Outputs);

        var compile = build.Finished.Single(t => t.Name == "Compile");
        Assert.Equal((TargetStatus.Failed, start.AddSeconds(2), start.AddSeconds(3.5), TimeSpan.FromSeconds(1.5), "CS1002: ; expected"),
            (compile.Status, compile.StartedAt, compile.FinishedAt, compile.Duration, compile.Error));

        var lint = build.Finished.Single(t => t.Name == "Lint");
        Assert.Equal((TargetStatus.Skipped, (DateTimeOffset?)null, TimeSpan.Zero, "Commit == \"never\""), (lint.Status, lint.StartedAt, lint.Duration, lint.Reason));

        var pack = build.Finished.Single(t => t.Name == "Pack");
        Assert.Equal((TargetStatus.NotRun, (DateTimeOffset?)null, (DateTimeOffset?)null, "Compile failed"), (pack.Status, pack.StartedAt, pack.FinishedAt, pack.Reason));
    }

    [Fact]
    public async Task RunFinished_has_the_result_times_every_target_and_the_merged_outputs()
    {
        var start = new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        using var driver = new BuildDriver { Time = clock };
        var build = new SelfObserved(clock);

        await driver.RunAsync(build, ["Pack", "Lint", "--parallel", "1"]);

        var run = build.Ended!;
        Assert.Equal((RunResult.Failed, start, start.AddSeconds(3.5), TimeSpan.FromSeconds(3.5)), (run.Result, run.StartedAt, run.FinishedAt, run.WallTime));
        Assert.Equal(["Clone", "Lint", "Compile", "Pack"], run.Targets.Select(t => t.Name));
        Assert.Equal(new Dictionary<string, string> { ["commit"] = "4f2a9c1" }, run.Outputs);
    }

    private interface INotifies : IDeployBuild
    {
        EventRecorder Recorder { get; }

        IRunObserver Observer => Recorder;

        Target Announce => _ => _.Executes(() => Log.Information("announced"));
    }

    private sealed class Composed : DeployBuild, INotifies
    {
        public EventRecorder Recorder { get; } = new();
        public bool SawOwnStart { get; private set; }

        Target Work => _ => _.DependsOn<INotifies>(x => x.Announce).Executes(() =>
            SawOwnStart = Recorder.TargetsStarted.Any(t => t.Name == "Work"));
    }

    [Fact]
    public async Task A_component_interface_contributes_an_observer_through_a_property()
    {
        using var driver = new BuildDriver();
        var build = new Composed();

        var result = await driver.RunAsync(build, ["Work"]);

        RunAssert.ExitCode(0, result);
        Assert.NotNull(build.Recorder.Started);
        Assert.Equal(["Announce", "Work"], build.Recorder.TargetsStarted.Select(t => t.Name));
        Assert.Equal(["Announce", "Work"], build.Recorder.TargetsFinished.Select(t => t.Name));
        Assert.Equal(RunResult.Succeeded, build.Recorder.Finished!.Result);
    }

    [Fact]
    public async Task TargetStarted_arrives_before_the_targets_code_runs()
    {
        using var driver = new BuildDriver();
        var build = new Composed();

        await driver.RunAsync(build, ["Work"]);

        Assert.True(build.SawOwnStart);
    }

    private sealed class Throwing : IRunObserver
    {
        public void RunStarted(RunStartedEvent run) => throw new InvalidOperationException("started");
        public void TargetStarted(TargetStartedEvent target) => throw new InvalidOperationException("target started");
        public void TargetFinished(TargetFinishedEvent target) => throw new InvalidOperationException("target finished");
        public Task RunFinishedAsync(RunFinishedEvent run, CancellationToken cancellationToken) => throw new InvalidOperationException("finished");
    }

    private sealed class WithBadObserver : DeployBuild
    {
        public EventRecorder Recorder { get; } = new();
        public Journal Journal { get; } = new();
        public Throwing Thrower { get; } = new();
        IRunObserver Bad => Thrower;
        IRunObserver Good => Recorder;

        Target First => _ => _.Executes(() => Journal.Add("First"));
        Target Second => _ => _.DependsOn(First).Executes(() => Journal.Add("Second"));
    }

    [Fact]
    public async Task An_observer_that_throws_gets_a_warning_and_changes_nothing_else()
    {
        using var driver = new BuildDriver();
        var build = new WithBadObserver();

        var result = await driver.RunAsync(build, ["Second"]);

        RunAssert.ExitCode(0, result);
        RunAssert.Statuses(result, ("First", "Succeeded"), ("Second", "Succeeded"));
        Assert.Equal(["First", "Second"], build.Journal.Entries);
        Assert.Equal(["First", "Second"], build.Recorder.TargetsFinished.Select(t => t.Name));
        Assert.NotNull(build.Recorder.Finished);
        Assert.Contains("WRN Observer Throwing failed: started", result.Output, StringComparison.Ordinal);
        Assert.Contains("WRN Observer Throwing failed at the end of the run: finished", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("Build succeeded.\n", result.Output, StringComparison.Ordinal);
    }

    private sealed class Noted : DeployBuild, IRunObserver
    {
        Target Work => _ => _.Executes(() => Log.Information("working"));

        public async Task RunFinishedAsync(RunFinishedEvent run, CancellationToken cancellationToken)
        {
            // Awaited before the summary is printed, so a note added after an await still makes it.
            await Task.Yield();
            run.AddSummaryNote("Metrics pushed to http://127.0.0.1:9091/metrics/job/deploy");
        }
    }

    [Fact]
    public async Task A_summary_note_added_at_the_end_of_the_run_appears_under_the_summary_table()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Noted(), ["Work"]);

        RunAssert.ExitCode(0, result);
        var lines = result.Output.Split('\n');
        Assert.Equal("Metrics pushed to http://127.0.0.1:9091/metrics/job/deploy", lines[^3]);
        Assert.StartsWith("Wall time ", lines[^4], StringComparison.Ordinal);
        Assert.Contains("\nMetrics pushed to http://127.0.0.1:9091/metrics/job/deploy\n", result.LogFile, StringComparison.Ordinal);
    }
}
