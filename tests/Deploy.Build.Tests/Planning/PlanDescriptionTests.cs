namespace Deploy.Build.Tests.Planning;

/// <summary><see cref="BuildDescription.Plan"/>: the planner's own graph, read-only, for tools that mirror it.</summary>
public sealed class PlanDescriptionTests : IDisposable
{
    private readonly BuildDriver _driver = new();

    private sealed class Capture : IBuildCommand
    {
        public BuildDescription? Build { get; private set; }

        public string Name => "describe";

        public IReadOnlyList<string> Modifiers => [];

        public string Usage => "--describe";

        public string Description => "Keep the description";

        public Task<int> RunAsync(BuildCommandContext context, CancellationToken cancellationToken = default)
        {
            Build = context.Build;
            return Task.FromResult(ExitCodes.Succeeded);
        }
    }

    /// <summary>Every kind of edge: Compile depends on Restore, Lint declares Before Test, Docs After Compile, Test triggers Notify.</summary>
    private sealed class Graph : DeployBuild
    {
        public int Checked;

        [Parameter("Needed by Publish")]
        public string? ApiKey { get; set; }

        public IBuildCommand Describe { get; } = new Capture();

        public static Target Restore => _ => _.Executes(() => { });

        public static Target Compile => _ => _.DependsOn(Restore).Executes(() => { });

        public static Target Lint => _ => _.Before(Test).Executes(() => { });

        public static Target Test => _ => _.DependsOn(Compile).Triggers(Notify).Executes(() => { });

        public static Target Notify => _ => _.Executes(() => { });

        public static Target Docs => _ => _.After(Compile).Executes(() => { });

        public Target Publish => _ => _.DependsOn(Test).Requires(() => ApiKey).Validates(() =>
        {
            Checked++;
            return ["never reported"];
        }).Executes(() => { });
    }

    private async Task<(Graph Build, BuildDescription Description)> DescribeAsync(params string[] arguments)
    {
        var build = new Graph();
        var result = await _driver.RunAsync(build, ["--describe", .. arguments], ["Publish"]);
        Assert.True(result.ExitCode == 0, result.Everything);
        return (build, ((Capture)build.Describe).Build!);
    }

    [Fact]
    public async Task It_lists_the_planned_targets_in_plan_order_each_prerequisite_with_its_kind()
    {
        var (_, description) = await DescribeAsync();

        var plan = description.Plan(["Test", "Lint", "Docs"]);

        Assert.Equal(["Restore", "Compile", "Lint", "Test", "Notify", "Docs"], plan.Targets.Select(t => t.Name));
        Assert.Equal([0, 1, 2, 3, 4, 5], plan.Targets.Select(t => t.Order));
        Assert.Equal([1, 2, 1, 3, 4, 3], plan.Targets.Select(t => t.Wave));
        Assert.Equal([false, false, true, true, false, true], plan.Targets.Select(t => t.Invoked));
        Assert.Empty(plan.Find("Restore")!.Prerequisites);
        Assert.Equal([new Prerequisite("Restore", PrerequisiteKind.DependsOn)], plan.Find("Compile")!.Prerequisites);
        Assert.Equal([new Prerequisite("Compile", PrerequisiteKind.DependsOn), new Prerequisite("Lint", PrerequisiteKind.Before)], plan.Find("test")!.Prerequisites);
        Assert.Equal([new Prerequisite("Test", PrerequisiteKind.Triggers)], plan.Find("Notify")!.Prerequisites);
        Assert.Equal([new Prerequisite("Compile", PrerequisiteKind.After)], plan.Find("Docs")!.Prerequisites);
        Assert.Equal([true, false, false, true], new[] { PrerequisiteKind.DependsOn, PrerequisiteKind.After, PrerequisiteKind.Before, PrerequisiteKind.Triggers }.Select(k => new Prerequisite("x", k).MustSucceed));
        Assert.Null(plan.Find("Publish"));
    }

    [Fact]
    public async Task Empty_targets_plan_the_defaults_without_running_the_requirement_and_parameter_checks()
    {
        var (build, description) = await DescribeAsync();

        var plan = description.Plan([]);

        Assert.Equal(["Restore", "Compile", "Test", "Notify", "Publish"], plan.Targets.Select(t => t.Name));
        Assert.All(plan.Targets, t => Assert.Null(t.SkipReason));
        Assert.Equal(0, build.Checked);
    }

    [Fact]
    public async Task Skip_is_applied_as_the_command_line_applies_it()
    {
        var (_, description) = await DescribeAsync();

        var named = description.Plan(["Test"], ["Compile"]);
        var everythingElse = description.Plan(["Notify", "Test"], []);

        Assert.Equal("--skip", named.Find("Compile")!.SkipReason);
        Assert.Equal("only needed by skipped Compile", named.Find("Restore")!.SkipReason);
        Assert.Null(named.Find("Test")!.SkipReason);
        Assert.Equal(["Notify", "Test"], everythingElse.Targets.Where(t => t.SkipReason is null).Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_target_is_a_DeployException_with_the_planners_message()
    {
        var (_, description) = await DescribeAsync();

        var exception = Assert.Throws<DeployException>(() => description.Plan(["Tset"]));

        Assert.Equal("Unknown target 'Tset'. Did you mean 'Test'?", exception.Message);
    }

    public void Dispose() => _driver.Dispose();
}
