using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Planning;

public sealed class UnknownTargetTests
{
    private sealed class Build : RecordingBuild
    {
        Target Compile => _ => _.Executes(Ran());
        Target Rollout => _ => _.DependsOn(Compile).Executes(Ran());
    }

    [Fact]
    public async Task An_unknown_target_is_reported_with_the_nearest_existing_name()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Rolout"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Unknown target 'Rolout'. Did you mean 'Rollout'?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_target_like_no_other_points_to_help()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Compile", "Zebra"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Unknown target 'Zebra'. Run with --help to list the targets.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_target_and_no_default_is_an_invalid_invocation()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, []);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("No target given and the build has no default target", result.Error, StringComparison.Ordinal);
    }
}

public sealed class CycleTests
{
    private sealed class TwoCycle : RecordingBuild
    {
        Target A => _ => _.DependsOn(B).Executes(Ran());
        Target B => _ => _.DependsOn(A).Executes(Ran());
    }

    private sealed class ThreeCycle : RecordingBuild
    {
        Target A => _ => _.DependsOn(C).Executes(Ran());
        Target B => _ => _.DependsOn(A).Executes(Ran());
        Target C => _ => _.DependsOn(B).Executes(Ran());
        Target Other => _ => _.Executes(Ran());
    }

    private sealed class OrderingCycle : RecordingBuild
    {
        Target A => _ => _.Before(B).Executes(Ran());
        Target B => _ => _.Triggers(A).Executes(Ran());
    }

    private sealed class SelfCycle : RecordingBuild
    {
        Target A => _ => _.DependsOn(A).Executes(Ran());
    }

    [Fact]
    public async Task A_two_target_cycle_is_printed_as_a_path()
    {
        using var driver = new BuildDriver();
        var build = new TwoCycle();

        var result = await driver.RunAsync(build, ["A"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("error: Dependency cycle: A -> B -> A\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_longer_cycle_is_printed_once_in_run_order_from_the_first_declared_target()
    {
        using var driver = new BuildDriver();
        var build = new ThreeCycle();

        // The cycle is reported even though the invoked target is not on it: the whole definition is checked.
        var result = await driver.RunAsync(build, ["Other"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("error: Dependency cycle: A -> B -> C -> A\n", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n'), line => line.Contains("cycle", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ordering_and_trigger_edges_take_part_in_cycles()
    {
        using var driver = new BuildDriver();
        var build = new OrderingCycle();

        var result = await driver.RunAsync(build, ["B"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Dependency cycle: A -> B -> A", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_depending_on_itself_is_reported()
    {
        using var driver = new BuildDriver();
        var build = new SelfCycle();

        var result = await driver.RunAsync(build, ["A"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Target 'A' refers to itself: A -> A", result.Error, StringComparison.Ordinal);
    }
}

public sealed class AllProblemsAtOnceTests
{
    private sealed class Build : RecordingBuild
    {
        Target Compile => _ => _.DependsOn(Test).Executes(Ran());
        Target Test => _ => _.DependsOn(Compile).Executes(Ran());
        Target Rollout => _ => _.Executes(Ran());
    }

    [Fact]
    public async Task Unknown_targets_and_a_cycle_are_all_reported_in_one_go()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Rolout", "Tst"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Unknown target 'Rolout'. Did you mean 'Rollout'?", result.Error, StringComparison.Ordinal);
        Assert.Contains("Unknown target 'Tst'. Did you mean 'Test'?", result.Error, StringComparison.Ordinal);
        Assert.Contains("Dependency cycle: Compile -> Test -> Compile", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing ran (3 problems).", result.Error, StringComparison.Ordinal);
    }
}

public sealed class RequiresTests
{
    private sealed class Build : RecordingBuild
    {
        [Parameter("API key of the package feed"), Secret] public string? ApiKey { get; set; }

        public bool Ready { get; set; }

        Target Pack => _ => _.Executes(Ran());
        Target Publish => _ => _.DependsOn(Pack).Requires(() => ApiKey).Executes(Ran());
        Target Release => _ => _.Requires(() => Ready).Executes(Ran());
        Target Optional => _ => _.OnlyWhenStatic(() => false).Requires(() => ApiKey).Executes(Ran());
    }

    [Fact]
    public async Task A_missing_required_parameter_fails_the_plan_naming_the_option_and_the_target()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Publish"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Missing required parameter --api-key (or environment variable DEPLOY_API_KEY) (needed by Publish).", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_parameter_given_in_the_environment_lets_the_target_run()
    {
        using var driver = new BuildDriver();
        driver.Environment["DEPLOY_API_KEY"] = "k-123";
        var build = new Build();

        var result = await driver.RunAsync(build, ["Publish"]);

        Expect.Succeeded(result);
        Assert.Equal(["Pack", "Publish"], build.Journal.Entries);
    }

    [Fact]
    public async Task A_requirement_of_a_target_that_is_not_planned_does_not_matter()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Pack"]);

        Expect.Succeeded(result);
        Assert.Equal(["Pack"], build.Journal.Entries);
    }

    [Fact]
    public async Task A_requirement_of_a_statically_skipped_target_does_not_matter()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Build(), ["Optional"]);

        Expect.Succeeded(result);
        Assert.Equal("Skipped", result.StatusOf("Optional"));
    }

    [Fact]
    public async Task A_false_boolean_requirement_fails_the_plan_with_its_text()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Release"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Requirement 'Ready' is not met (needed by Release).", result.Error, StringComparison.Ordinal);
    }
}

public sealed class UnlistedTests
{
    private sealed class Build : RecordingBuild
    {
        Target Compile => _ => _.Description("Compile the solution").Executes(Ran());
        Target Maintenance => _ => _.Description("Internal housekeeping").Unlisted().Executes(Ran());
    }

    [Fact]
    public async Task An_unlisted_target_is_hidden_from_help()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Build(), ["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Compile", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Maintenance", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal housekeeping", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unlisted_target_can_still_be_invoked()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Maintenance"]);

        Expect.Succeeded(result);
        Assert.Equal(["Maintenance"], build.Journal.Entries);
    }
}
