using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Planning;

public sealed class BeforeAndAfterTests
{
    private sealed class Build : RecordingBuild
    {
        Target Clean => _ => _.Before(Compile).Executes(Ran());
        Target Compile => _ => _.Executes(Ran());
        Target Announce => _ => _.After(Publish).Executes(Ran());
        Target Publish => _ => _.Executes(Ran());
    }

    [Fact]
    public async Task Before_and_After_never_pull_a_target_into_the_plan()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Compile", "Announce"]);

        Expect.Succeeded(result);
        Assert.Equal(["Compile", "Announce"], result.PlannedTargets);
        Assert.DoesNotContain("Clean", build.Journal.Entries);
        Assert.DoesNotContain("Publish", build.Journal.Entries);
    }

    [Fact]
    public async Task Before_orders_a_target_ahead_of_another_when_both_are_planned()
    {
        using var driver = new BuildDriver();

        // Compile is named first and declared after Clean; only Before puts Clean in an earlier wave.
        var result = await driver.RunAsync(new Build(), ["Compile", "Clean", "--plan"]);

        Expect.Succeeded(result);
        Assert.Equal(Expect.Plan("Plan: 2 targets in 2 waves, at most 4 at once", "Clean", "Compile"), result.Output);
    }

    [Fact]
    public async Task After_orders_a_target_behind_another_when_both_are_planned()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        // Announce is declared before Publish, so without After it would run first at --parallel 1.
        var result = await driver.RunAsync(build, ["Announce", "Publish", "--parallel", "1"]);

        Expect.Succeeded(result);
        Assert.Equal(["Publish", "Announce"], build.Journal.Entries);
    }

    [Fact]
    public async Task Targets_without_an_order_between_them_share_a_wave()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Build(), ["Compile", "Publish", "--plan"]);

        Expect.Succeeded(result);
        Assert.Equal(Expect.Plan("Plan: 2 targets in 1 wave, at most 4 at once", "Compile, Publish"), result.Output);
    }
}

public sealed class DeclarationOrderTests
{
    private sealed class Build : RecordingBuild
    {
        Target Lint => _ => _.Executes(Ran());
        Target Compile => _ => _.Executes(Ran());
        Target Docs => _ => _.Executes(Ran());
        Target Test => _ => _.DependsOn(Compile).Executes(Ran());

        // Named in another order than declared: the declaration order decides ties, not this list.
        Target All => _ => _.DependsOn(Test, Docs, Lint);
    }

    [Fact]
    public async Task Parallel_1_runs_in_topological_order_with_ties_broken_by_declaration_order()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var driver = new BuildDriver();
            var build = new Build();

            var result = await driver.RunAsync(build, ["All", "--parallel", "1"]);

            Expect.Succeeded(result);
            Assert.Equal(["Lint", "Compile", "Docs", "Test"], build.Journal.Entries);
            Assert.Equal(["Lint", "Compile", "Docs", "Test", "All"], result.PlannedTargets);
        }
    }

    [Fact]
    public async Task A_target_without_actions_is_collective()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Build(), ["All"]);

        Expect.Succeeded(result);
        Assert.Equal("Collective", result.StatusOf("All"));
        Assert.Equal("Succeeded", result.StatusOf("Test"));
    }
}

public sealed class PlanOutputTests
{
    private sealed class Pipeline : RecordingBuild
    {
        Target Clone => _ => _.Executes(Ran());
        Target Restore => _ => _.DependsOn(Clone).Executes(Ran());
        Target Compile => _ => _.DependsOn(Restore).Executes(Ran());
        Target Test => _ => _.DependsOn(Compile).Executes(Ran());
        Target Image => _ => _.DependsOn(Compile).Executes(Ran());
        Target Push => _ => _.DependsOn(Image).Executes(Ran());
        Target Rollout => _ => _.DependsOn(Test, Push).Executes(Ran());
    }

    [Fact]
    public async Task Plan_prints_one_line_per_wave_and_runs_nothing()
    {
        using var driver = new BuildDriver();
        var build = new Pipeline();

        var result = await driver.RunAsync(build, ["Rollout", "--plan", "--parallel", "2"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            Expect.Plan("Plan: 7 targets in 6 waves, at most 2 at once", "Clone", "Restore", "Compile", "Test, Image", "Push", "Rollout"),
            result.Output);
        Assert.Empty(build.Journal.Entries);
        Assert.False(File.Exists(Path.Combine(driver.Temp, "run.json")));
    }
}
