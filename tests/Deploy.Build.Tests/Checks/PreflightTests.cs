using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Planning;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Checks;

/// <summary>ITargetDefinition.Preflight: server checks, run together and bounded, before the first target.</summary>
public sealed class PreflightTests
{
    private sealed class Build : RecordingBuild
    {
        public Func<CancellationToken, Task> EngineCheck { get; init; } = _ => Task.CompletedTask;

        public Func<CancellationToken, Task> ClusterCheck { get; init; } = _ => Task.CompletedTask;

        Target Compile => _ => _.Executes(Ran());

        Target Image => _ => _.DependsOn(Compile).Preflight(ct => EngineCheck(ct)).Executes(Ran());

        Target Push => _ => _.DependsOn(Image).Preflight(ct => EngineCheck(ct)).Executes(Ran());

        Target Rollout => _ => _.DependsOn(Push).Preflight(ct => ClusterCheck(ct)).Executes(Ran());
    }

    [Fact]
    public async Task A_failed_preflight_stops_the_run_before_the_first_target_with_its_message()
    {
        using var driver = new BuildDriver();
        var build = new Build { EngineCheck = _ => throw new DeployException("No Docker engine answers at 'unix:///nope.sock'.") };

        var result = await driver.RunAsync(build, ["Rollout"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("error: Preflight of Image, Push: No Docker engine answers at 'unix:///nope.sock'.", result.Error, StringComparison.Ordinal);
        Assert.Equal("Invalid", RunAssert.ResultOf(result));
        RunAssert.Statuses(result, ("Compile", "NotRun"), ("Image", "NotRun"), ("Push", "NotRun"), ("Rollout", "NotRun"));
    }

    [Fact]
    public async Task Preflights_run_at_the_same_time()
    {
        using var driver = new BuildDriver();
        var engine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cluster = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each check waits for the other to have started: run one after the other, they would never finish.
        var build = new Build
        {
            EngineCheck = async ct =>
            {
                engine.TrySetResult();
                await cluster.Task.WaitAsync(ct);
            },
            ClusterCheck = async ct =>
            {
                cluster.TrySetResult();
                await engine.Task.WaitAsync(ct);
            },
        };

        var result = await driver.RunAsync(build, ["Rollout"]);

        Expect.Succeeded(result);
        Assert.Equal(["Compile", "Image", "Push", "Rollout"], build.Journal.Entries);
    }

    [Fact]
    public async Task A_preflight_that_does_not_answer_is_given_up_on_after_its_limit()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero));
        using var driver = new BuildDriver { Time = clock };
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var build = new Build
        {
            ClusterCheck = async _ =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, CancellationToken.None); // ignores its token: only the limit ends it
            },
        };

        var run = driver.RunAsync(build, ["Rollout"]);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(15));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("error: Preflight of Rollout: the check of Rollout did not finish within 15 s.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_and_skipped_targets_run_no_preflight()
    {
        using var driver = new BuildDriver();
        var build = new Build { ClusterCheck = _ => throw new DeployException("cluster down") };

        RunAssert.ExitCode(0, await driver.RunAsync(build, ["Rollout", "--plan"]));
        Expect.Succeeded(await driver.RunAsync(build, ["Push", "Rollout", "--skip", "Rollout"]));
        Assert.Equal(["Compile", "Image", "Push"], build.Journal.Entries);
    }
}
