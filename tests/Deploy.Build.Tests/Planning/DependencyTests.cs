using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Planning;

public sealed class DependsOnTests
{
    private sealed class Pipeline : RecordingBuild
    {
        Target Restore => _ => _.Executes(Ran());
        Target Compile => _ => _.DependsOn(Restore).Executes(Ran());
        Target Test => _ => _.DependsOn(Compile).Executes(Ran());
        Target Lint => _ => _.Executes(Ran());
    }

    [Fact]
    public async Task DependsOn_pulls_the_dependency_into_the_plan_and_runs_it_first()
    {
        using var driver = new BuildDriver();
        var build = new Pipeline();

        var result = await driver.RunAsync(build, ["Test"]);

        Expect.Succeeded(result);
        Assert.Equal(["Restore", "Compile", "Test"], build.Journal.Entries);
        Assert.Equal(["Restore", "Compile", "Test"], result.PlannedTargets);
    }

    [Fact]
    public async Task Invoking_a_dependency_does_not_plan_the_targets_that_depend_on_it()
    {
        using var driver = new BuildDriver();
        var build = new Pipeline();

        var result = await driver.RunAsync(build, ["Compile"]);

        Expect.Succeeded(result);
        Assert.Equal(["Restore", "Compile"], build.Journal.Entries);
        Assert.Equal(["Restore", "Compile"], result.PlannedTargets);
    }

    [Fact]
    public async Task The_default_targets_run_when_none_is_named()
    {
        using var driver = new BuildDriver();
        var build = new Pipeline();

        var result = await driver.RunAsync(build, [], defaults: ["Compile", "Lint"]);

        Expect.Succeeded(result);
        Assert.Equal(["Restore", "Compile", "Lint"], result.PlannedTargets);
    }

    [Fact]
    public async Task Target_names_match_case_insensitively_and_with_hyphens()
    {
        using var driver = new BuildDriver();
        var build = new Pipeline();

        var result = await driver.RunAsync(build, ["com-PILE"]);

        Expect.Succeeded(result);
        Assert.Equal(["Restore", "Compile"], build.Journal.Entries);
    }
}

public sealed class DiamondTests
{
    private sealed class Diamond : RecordingBuild
    {
        Target Clone => _ => _.Executes(Ran());
        Target Test => _ => _.DependsOn(Clone).Executes(Ran());
        Target Image => _ => _.DependsOn(Clone).Executes(Ran());
        Target Rollout => _ => _.DependsOn(Test, Image).Executes(Ran());
    }

    [Fact]
    public async Task A_target_two_others_depend_on_is_planned_and_run_once()
    {
        using var driver = new BuildDriver();
        var build = new Diamond();

        var result = await driver.RunAsync(build, ["Rollout", "--parallel", "1"]);

        Expect.Succeeded(result);
        Assert.Equal(["Clone", "Test", "Image", "Rollout"], build.Journal.Entries);
        Assert.Equal(["Clone", "Test", "Image", "Rollout"], result.PlannedTargets);
    }

    [Fact]
    public async Task The_two_sides_of_a_diamond_share_a_wave()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Diamond(), ["Rollout", "--plan"]);

        Expect.Succeeded(result);
        Assert.Equal(Expect.Plan("Plan: 4 targets in 3 waves, at most 4 at once", "Clone", "Test, Image", "Rollout"), result.Output);
    }
}

public sealed class DependentForTests
{
    private sealed class Build : RecordingBuild
    {
        Target Compile => _ => _.Executes(Ran());
        Target Generate => _ => _.DependentFor(Compile).Executes(Ran());
        Target Unrelated => _ => _.Executes(Ran());
    }

    [Fact]
    public async Task DependentFor_makes_the_named_target_depend_on_this_one()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Compile"]);

        Expect.Succeeded(result);
        Assert.Equal(["Generate", "Compile"], build.Journal.Entries);
        Assert.Equal(["Generate", "Compile"], result.PlannedTargets);
    }

    [Fact]
    public async Task DependentFor_does_not_plan_the_named_target_when_only_this_one_is_invoked()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Generate"]);

        Expect.Succeeded(result);
        Assert.Equal(["Generate"], build.Journal.Entries);
    }
}
