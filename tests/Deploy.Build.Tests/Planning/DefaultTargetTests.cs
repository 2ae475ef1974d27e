using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Planning;

/// <summary>
/// Default targets given as <c>Execute&lt;Build&gt;(x =&gt; x.Compile)</c> compiles them today: delegates (the overload
/// the compiler prefers), named by which target property of the build each one is.
/// </summary>
public sealed class DefaultTargetTests
{
    public interface IPackage : IDeployBuild
    {
        Journal Journal { get; }

        Target Package => _ => _.Executes(() => Journal.Add("Package"));
    }

    private sealed class Pipeline : RecordingBuild, IPackage
    {
        public static readonly Func<Pipeline, Target>[] Defaults = [x => x.Compile, x => ((IPackage)x).Package];

        public static readonly Func<Pipeline, Target>[] NotAProperty = [x => x.Compile, _ => _ => _.Executes(() => { })];

        public static readonly Func<Pipeline, Target>[] Throwing = [_ => throw new InvalidOperationException("no target here")];

        Target Restore => _ => _.Executes(Ran());

        Target Compile => _ => _.DependsOn(Restore).Executes(Ran());

        Target Lint => _ => _.Executes(Ran());
    }

    [Fact]
    public async Task The_targets_given_as_delegates_run_when_none_is_named_a_component_target_among_them()
    {
        using var driver = new BuildDriver();
        var build = new Pipeline();

        var result = await driver.RunAsync(build, [], Pipeline.Defaults);

        Expect.Succeeded(result);
        Assert.Equal(["Package", "Restore", "Compile"], result.PlannedTargets);
        Assert.Equal(["Compile", "Package", "Restore"], build.Journal.Entries.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Help_marks_the_targets_given_as_delegates()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Pipeline(), ["--help"], Pipeline.Defaults);

        Expect.Succeeded(result);
        var marked = result.Output.Split('\n').Where(l => l.StartsWith("* ", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.Equal(["Package", "Compile"], marked);
    }

    [Fact]
    public async Task A_default_that_is_no_target_property_stops_the_run_naming_it_and_the_fix()
    {
        using var driver = new BuildDriver();
        var build = new Pipeline();

        var result = await driver.RunAsync(build, [], Pipeline.NotAProperty);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Default target 2 of Execute is not one of the build's target properties. Give Execute the property: Execute<Build>(x => x.Compile).", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Default target 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_default_that_throws_stops_the_run_with_its_message_and_help_still_lists_the_targets()
    {
        using var driver = new BuildDriver();
        var build = new Pipeline();

        var result = await driver.RunAsync(build, [], Pipeline.Throwing);
        var help = await driver.RunAsync(new Pipeline(), ["--help"], Pipeline.Throwing);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Default target 1 of Execute could not be read: no target here", result.Error, StringComparison.Ordinal);
        Expect.Succeeded(help);
        Assert.Contains("  Lint", help.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\n* ", help.Output, StringComparison.Ordinal);
    }
}
