using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Execution;

public sealed class StatusTests
{
    private sealed class Grouped : DeployBuild
    {
        public Journal Journal { get; } = new();
        public bool Ready { get; private set; }

        Target Prepare => _ => _.Executes(() => Journal.Add("Prepare"));
        Target Everything => _ => _.DependsOn(Prepare);
        Target Publish => _ => _.OnlyWhenDynamic(() => Ready).Executes(() => Journal.Add("Publish"));
        Target Arm => _ => _.Executes(() => Ready = true);
        Target Fire => _ => _.DependsOn(Arm).OnlyWhenDynamic(() => Ready).Executes(() => Journal.Add("Fire"));
        Target Shaky => _ => _.OnlyWhenDynamic(() => Journal.Entries[99] == "x").Executes(() => Journal.Add("Shaky"));
    }

    [Fact]
    public async Task A_target_without_actions_is_collective()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Grouped(), ["Everything"]);

        RunAssert.ExitCode(0, result);
        RunAssert.Statuses(result, ("Prepare", "Succeeded"), ("Everything", "Collective"));
        Assert.Null(RunAssert.ReasonOf(result, "Everything"));
    }

    [Fact]
    public async Task A_false_dynamic_condition_skips_the_target_with_the_conditions_text_as_reason()
    {
        using var driver = new BuildDriver();
        var build = new Grouped();

        var result = await driver.RunAsync(build, ["Publish"]);

        RunAssert.ExitCode(0, result);
        RunAssert.Statuses(result, ("Publish", "Skipped"));
        Assert.Equal("Ready", RunAssert.ReasonOf(result, "Publish"));
        Assert.Empty(build.Journal.Entries);
        Assert.Matches(@"(?m)^Publish +Skipped +Ready$", result.Output);
    }

    [Fact]
    public async Task A_dynamic_condition_is_evaluated_after_the_targets_dependencies_ran()
    {
        using var driver = new BuildDriver();
        var build = new Grouped();

        var result = await driver.RunAsync(build, ["Fire"]);

        RunAssert.ExitCode(0, result);
        RunAssert.Statuses(result, ("Arm", "Succeeded"), ("Fire", "Succeeded"));
        Assert.Equal(["Fire"], build.Journal.Entries);
    }

    [Fact]
    public async Task A_dynamic_condition_that_throws_skips_the_target_with_a_warning()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Grouped(), ["Shaky"]);

        RunAssert.ExitCode(0, result);
        RunAssert.Statuses(result, ("Shaky", "Skipped"));
        Assert.StartsWith("Journal.Entries[99] == \"x\" threw: ", RunAssert.ReasonOf(result, "Shaky"), StringComparison.Ordinal);
        Assert.Contains("| WRN The condition Journal.Entries[99] == \"x\" of Shaky threw", result.Output, StringComparison.Ordinal);
    }

    private sealed class BrokenGroup : DeployBuild
    {
        Target Fail => _ => _.Executes(() => throw new InvalidOperationException(RootDirectory));
        Target Group => _ => _.DependsOn(Fail);
    }

    [Fact]
    public async Task A_collective_target_whose_dependency_failed_is_not_run()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new BrokenGroup(), ["Group"]);

        RunAssert.ExitCode(1, result);
        RunAssert.Statuses(result, ("Fail", "Failed"), ("Group", "NotRun"));
        Assert.Equal("Fail failed", RunAssert.ReasonOf(result, "Group"));
    }
}
