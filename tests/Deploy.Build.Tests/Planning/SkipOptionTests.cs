using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Planning;

public sealed class SkipOptionTests
{
    private sealed class Build : RecordingBuild
    {
        Target Clone => _ => _.Executes(Ran());
        Target Restore => _ => _.DependsOn(Clone).Executes(Ran());
        Target Compile => _ => _.DependsOn(Restore).Executes(Ran());
        Target Docs => _ => _.DependsOn(Clone).Executes(Ran());
        Target Test => _ => _.DependsOn(Compile).Executes(Ran());
        Target Release => _ => _.DependsOn(Test, Docs).Executes(Ran());
    }

    [Fact]
    public async Task Skip_skips_the_named_target_and_the_dependencies_only_it_needs()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Release", "--skip", "Test", "--parallel", "1"]);

        Expect.Succeeded(result);
        Assert.Equal(["Clone", "Docs", "Release"], build.Journal.Entries);
        Assert.Equal("--skip", Expect.ReasonOf(result, "Test"));
        Assert.Equal("only needed by skipped Test", Expect.ReasonOf(result, "Compile"));
        Assert.Equal("only needed by skipped Compile", Expect.ReasonOf(result, "Restore"));
        Assert.Equal("Succeeded", result.StatusOf("Clone"));
    }

    [Fact]
    public async Task Skip_takes_several_names_matched_like_targets()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Release", "--skip", "test", "DOCS"]);

        Expect.Succeeded(result);
        Assert.Equal(["Release"], build.Journal.Entries);
        Assert.Equal("Skipped", result.StatusOf("Clone"));
    }

    [Fact]
    public async Task Skip_without_names_skips_everything_but_the_invoked_targets()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Test", "Docs", "--skip"]);

        Expect.Succeeded(result);
        Assert.Equal(["Docs", "Test"], build.Journal.Entries.Order());
        Assert.Equal(["Clone", "Restore", "Compile", "Docs", "Test"], result.PlannedTargets);
        Assert.All(["Clone", "Restore", "Compile"], t => Assert.Equal("Skipped", result.StatusOf(t)));
    }

    [Fact]
    public async Task The_plan_shows_the_targets_skip_removes()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Build(), ["Compile", "--skip", "Restore", "--plan"]);

        Expect.Succeeded(result);
        Assert.Equal(
            Expect.Plan("Plan: 3 targets in 3 waves, at most 4 at once", "Clone (skipped: only needed by skipped Restore)", "Restore (skipped: --skip)", "Compile"),
            result.Output);
    }

    [Fact]
    public async Task Skipping_an_unknown_target_is_an_invalid_invocation()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Release", "--skip", "Tset"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Unknown target to --skip 'Tset'. Did you mean 'Test'?", result.Error, StringComparison.Ordinal);
    }
}
