using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Planning;

public sealed class StaticConditionTests
{
    private sealed class Build : RecordingBuild
    {
        [Parameter("Slack channel to notify")] public string? Channel { get; set; }

        Target Compose => _ => _.Executes(Ran());
        Target Notify => _ => _
            .DependsOn(Compose)
            .OnlyWhenStatic(() => Channel != null)
            .Executes(Ran());
    }

    private sealed class Throwing : RecordingBuild
    {
        public string? Channel { get; set; }

        Target Compose => _ => _.Executes(Ran());
        Target Notify => _ => _.DependsOn(Compose).OnlyWhenStatic(() => Channel!.Length > 0).Executes(Ran());
    }

    [Fact]
    public async Task A_false_static_condition_skips_the_target_with_the_condition_text_as_reason()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Notify"]);

        Expect.Succeeded(result);
        Assert.Equal("Skipped", result.StatusOf("Notify"));
        Assert.Equal("Channel != null", Expect.ReasonOf(result, "Notify"));
        Assert.DoesNotContain("Notify", build.Journal.Entries);
    }

    [Fact]
    public async Task By_default_the_dependencies_of_a_statically_skipped_target_still_run()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Notify"]);

        Expect.Succeeded(result);
        Assert.Equal(["Compose"], build.Journal.Entries);
        Assert.Equal("Succeeded", result.StatusOf("Compose"));
    }

    [Fact]
    public async Task A_true_static_condition_lets_the_target_run()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Notify", "--channel", "#deploys"]);

        Expect.Succeeded(result);
        Assert.Equal(["Compose", "Notify"], build.Journal.Entries);
    }

    [Fact]
    public async Task A_static_condition_that_throws_is_reported_before_anything_runs()
    {
        using var driver = new BuildDriver();
        var build = new Throwing();

        var result = await driver.RunAsync(build, ["Notify"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("The condition 'Channel!.Length > 0' of target 'Notify' threw:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_shows_a_statically_skipped_target_with_its_reason()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Build(), ["Notify", "--plan"]);

        Expect.Succeeded(result);
        Assert.Equal(Expect.Plan("Plan: 2 targets in 2 waves, at most 4 at once", "Compose", "Notify (skipped: Channel != null)"), result.Output);
    }
}

public sealed class WhenSkippedTests
{
    private sealed class Build : RecordingBuild
    {
        public bool Enabled { get; set; }

        Target Restore => _ => _.Executes(Ran());
        Target Compile => _ => _.DependsOn(Restore).Executes(Ran());
        Target Package => _ => _.DependsOn(Compile).Executes(Ran());
        Target Lint => _ => _.DependsOn(Restore).Executes(Ran());
        Target Publish => _ => _
            .DependsOn(Package)
            .OnlyWhenStatic(() => Enabled)
            .WhenSkipped(DependencyBehavior.Skip)
            .Executes(Ran());
    }

    [Fact]
    public async Task WhenSkipped_Skip_skips_the_dependencies_only_the_skipped_target_needs_transitively()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Publish"]);

        Expect.Succeeded(result);
        Assert.Empty(build.Journal.Entries);
        Assert.Equal("Skipped", result.StatusOf("Package"));
        Assert.Equal("only needed by skipped Publish", Expect.ReasonOf(result, "Package"));
        Assert.Equal("Skipped", result.StatusOf("Compile"));
        Assert.Equal("only needed by skipped Package", Expect.ReasonOf(result, "Compile"));
        Assert.Equal("Skipped", result.StatusOf("Restore"));
    }

    [Fact]
    public async Task WhenSkipped_Skip_keeps_a_dependency_that_a_target_which_is_not_skipped_needs()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Publish", "Lint"]);

        Expect.Succeeded(result);
        Assert.Equal(["Restore", "Lint"], build.Journal.Entries);
        Assert.Equal("Skipped", result.StatusOf("Compile"));
        Assert.Equal("Succeeded", result.StatusOf("Restore"));
    }

    [Fact]
    public async Task WhenSkipped_Skip_keeps_a_dependency_that_was_invoked_itself()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Publish", "Compile"]);

        Expect.Succeeded(result);
        Assert.Equal(["Restore", "Compile"], build.Journal.Entries);
        Assert.Equal("Skipped", result.StatusOf("Package"));
    }

    [Fact]
    public async Task WhenSkipped_Skip_does_nothing_when_the_condition_holds()
    {
        using var driver = new BuildDriver();
        var build = new Build { Enabled = true };

        var result = await driver.RunAsync(build, ["Publish"]);

        Expect.Succeeded(result);
        Assert.Equal(["Restore", "Compile", "Package", "Publish"], build.Journal.Entries);
    }
}

public sealed class WhenSkippedWithTriggersTests
{
    private sealed class Build : RecordingBuild
    {
        Target Stamp => _ => _.Executes(Ran());
        Target Compile => _ => _.Triggers(Stamp).Executes(Ran());
        Target Publish => _ => _
            .DependsOn(Compile)
            .OnlyWhenStatic(() => false)
            .WhenSkipped(DependencyBehavior.Skip)
            .Executes(Ran());
        Target Deploy => _ => _.Triggers(Compile).Executes(Ran());
    }

    [Fact]
    public async Task A_target_a_dependency_triggers_does_not_keep_that_dependency_running()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Publish"]);

        Expect.Succeeded(result);
        Assert.Equal("Skipped", result.StatusOf("Compile"));
        Assert.Equal("only needed by skipped Publish", Expect.ReasonOf(result, "Compile"));
        Assert.Equal("Skipped", result.StatusOf("Stamp"));
        Assert.Equal("only needed by skipped Compile", Expect.ReasonOf(result, "Stamp"));
        Assert.Empty(build.Journal.Entries);
    }

    [Fact]
    public async Task A_dependency_that_a_target_which_is_not_skipped_triggers_still_runs()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Publish", "Deploy", "--parallel", "1"]);

        Expect.Succeeded(result);
        Assert.Equal("Succeeded", result.StatusOf("Compile"));
        Assert.Equal(["Deploy", "Compile", "Stamp"], build.Journal.Entries);
    }
}

public sealed class DynamicConditionTests
{
    private sealed class Build : RecordingBuild
    {
        private bool _changed = true;

        Target Diff => _ => _.Executes(() =>
        {
            _changed = false;
            Journal.Add("Diff");
        });

        Target Deploy => _ => _.DependsOn(Diff).OnlyWhenDynamic(() => _changed).Executes(Ran());
        Target DeployStatic => _ => _.DependsOn(Diff).OnlyWhenStatic(() => _changed).Executes(Ran());
        Target Verify => _ => _.DependsOn(Deploy).Executes(Ran());
    }

    [Fact]
    public async Task A_dynamic_condition_is_evaluated_after_the_dependencies_ran()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Deploy"]);

        Expect.Succeeded(result);
        Assert.Equal(["Diff"], build.Journal.Entries);
        Assert.Equal("Skipped", result.StatusOf("Deploy"));
        Assert.Equal("_changed", Expect.ReasonOf(result, "Deploy"));
    }

    [Fact]
    public async Task A_static_condition_is_evaluated_before_anything_runs()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["DeployStatic"]);

        Expect.Succeeded(result);
        Assert.Equal(["Diff", "DeployStatic"], build.Journal.Entries);
    }

    [Fact]
    public async Task A_target_depending_on_a_dynamically_skipped_target_still_runs()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Verify"]);

        Expect.Succeeded(result);
        Assert.Equal(["Diff", "Verify"], build.Journal.Entries);
        Assert.Equal("Skipped", result.StatusOf("Deploy"));
    }

    [Fact]
    public async Task The_plan_does_not_evaluate_a_dynamic_condition()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Build(), ["Deploy", "--plan"]);

        Expect.Succeeded(result);
        Assert.Equal(Expect.Plan("Plan: 2 targets in 2 waves, at most 4 at once", "Diff", "Deploy"), result.Output);
    }
}
