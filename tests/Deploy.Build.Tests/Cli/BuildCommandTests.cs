namespace Deploy.Build.Tests.Cli;

public sealed class BuildCommandTests : IDisposable
{
    private readonly BuildDriver _driver = new();

    /// <summary>Records what it was given and returns 7.</summary>
    private sealed class Recorder(string name) : IBuildCommand
    {
        public BuildCommandContext? Context { get; private set; }

        public string Name => name;

        public IReadOnlyList<string> Modifiers => ["dry"];

        public string Usage => $"--{name} WHAT [--dry]";

        public string Description => $"Do {name}";

        public Task<int> RunAsync(BuildCommandContext context, CancellationToken cancellationToken = default)
        {
            Context = context;
            return Task.FromResult(7);
        }
    }

    private sealed class Sample : DeployBuild
    {
        public int Ran;

        [Parameter("Where to go")]
        public string? Region { get; set; }

        [Parameter("A token"), Secret]
        public string? Token { get; set; }

        public IBuildCommand Describe { get; } = new Recorder("describe");

        public IBuildCommand Other { get; } = new Recorder("other");

        public Target Compile => _ => _.Executes(() => Ran++).Produces("binary", () => "a.dll");

        public Target Test => _ => _.DependsOn(Compile).Executes(() => Ran++);

        public Target Lint => _ => _.Before(Test).DependentFor(Test).Executes(() => Ran++);

        public Target Report => _ => _.TriggeredBy(Test).Executes(() => Ran++);
    }

    [Fact]
    public async Task A_command_claims_its_option_and_runs_instead_of_the_targets()
    {
        var build = new Sample();

        var result = await _driver.RunAsync(build, ["--describe", "all", "--dry", "--region", "eu"], ["Test"]);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal(0, build.Ran);
        var context = ((Recorder)build.Describe).Context!;
        Assert.Equal(["all"], context.Values);
        Assert.True(context.Has("dry"));
        Assert.Equal(["Test"], context.Build.DefaultTargets);
        Assert.Equal(_driver.Root, context.Build.RootDirectory);
        Assert.False(File.Exists(Path.Combine(_driver.Temp, "run.json")));
    }

    [Fact]
    public async Task The_description_has_the_relations_as_the_planner_resolves_them()
    {
        var build = new Sample();

        await _driver.RunAsync(build, ["--describe"], ["Test"]);

        var description = ((Recorder)build.Describe).Context!.Build;
        var test = description.FindTarget("test")!;
        Assert.Equal(["Compile", "Lint"], test.DependsOn);
        Assert.Equal(["Lint"], test.After);
        Assert.Equal(["Report"], test.Triggers);
        Assert.Equal(["binary"], description.FindTarget("Compile")!.Outputs);
    }

    [Fact]
    public async Task The_description_has_the_parameters_with_their_values_and_secrets_flagged()
    {
        var build = new Sample();
        _driver.Environment["TOKEN"] = "t0ken";

        await _driver.RunAsync(build, ["--describe", "--region", "eu"], ["Test"]);

        var description = ((Recorder)build.Describe).Context!.Build;
        var region = description.FindParameter("region")!;
        Assert.Equal(("Region", "REGION", false, typeof(string), "eu"), (region.Name, region.EnvironmentName, region.IsSecret, region.ValueType, region.Value));
        Assert.Equal(["eu"], region.CommandLineValues);
        var token = description.FindParameter("token")!;
        Assert.True(token.IsSecret);
        Assert.Null(token.CommandLineValues);
    }

    [Fact]
    public async Task Two_commands_at_once_are_refused()
    {
        var result = await _driver.RunAsync(new Sample(), ["--describe", "--other"], ["Test"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--describe and --other cannot be given together", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_modifier_without_its_command_is_an_unknown_parameter()
    {
        var build = new Sample();

        var result = await _driver.RunAsync(build, ["--dry"], ["Test"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown parameter --dry", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, build.Ran);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        var result = await _driver.RunAsync(new Sample(), ["--help"], ["Test"]);

        Assert.Contains("Commands (instead of running targets):", result.Output, StringComparison.Ordinal);
        Assert.Contains("--describe WHAT [--dry]", result.Output, StringComparison.Ordinal);
        Assert.Contains("Do other", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _driver.Dispose();
}
