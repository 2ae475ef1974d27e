using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Planning;

public sealed class TriggersTests
{
    private sealed class Build : RecordingBuild
    {
        Target Notify => _ => _.Executes(Ran());
        Target Report => _ => _.DependsOn(Collect).Executes(Ran());
        Target Collect => _ => _.Executes(Ran());
        Target Deploy => _ => _.Triggers(Notify, Report).Executes(Ran());
    }

    [Fact]
    public async Task Planning_a_target_plans_what_it_triggers_to_run_after_it()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        // Notify is declared before Deploy: only the trigger puts it after.
        var result = await driver.RunAsync(build, ["Deploy", "--parallel", "1"]);

        Expect.Succeeded(result);
        Assert.Equal(["Collect", "Deploy", "Notify", "Report"], build.Journal.Entries);
        Assert.Equal(["Collect", "Deploy", "Notify", "Report"], result.PlannedTargets);
    }

    [Fact]
    public async Task A_triggered_target_brings_its_own_dependencies_into_the_plan()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Build(), ["Deploy", "--plan"]);

        Expect.Succeeded(result);
        Assert.Equal(Expect.Plan("Plan: 4 targets in 2 waves, at most 4 at once", "Collect, Deploy", "Notify, Report"), result.Output);
    }

    [Fact]
    public async Task Invoking_a_triggered_target_does_not_plan_its_trigger()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Notify"]);

        Expect.Succeeded(result);
        Assert.Equal(["Notify"], build.Journal.Entries);
    }
}

public sealed class TriggeredByTests
{
    private sealed class Build : RecordingBuild
    {
        Target Notify => _ => _.TriggeredBy(Deploy).Executes(Ran());
        Target Deploy => _ => _.Executes(Ran());
    }

    [Fact]
    public async Task TriggeredBy_plans_this_target_after_the_named_one()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Deploy", "--parallel", "1"]);

        Expect.Succeeded(result);
        Assert.Equal(["Deploy", "Notify"], build.Journal.Entries);
        Assert.Equal(["Deploy", "Notify"], result.PlannedTargets);
    }
}
