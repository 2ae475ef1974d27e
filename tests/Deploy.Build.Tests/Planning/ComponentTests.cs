using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Planning;

public sealed class ComponentTargetTests
{
    public interface IRecords : IDeployBuild
    {
        Journal Journal { get; }
    }

    public interface ICompile : IRecords
    {
        Target Compile => _ => _.Executes(() => Journal.Add("ICompile.Compile"));
        Target Pack => _ => _.DependsOn(Compile).Executes(() => Journal.Add("ICompile.Pack"));
    }

    public interface IPublish : IRecords
    {
        Target Publish => _ => _.DependsOn<ICompile>(x => x.Pack).Executes(() => Journal.Add("IPublish.Publish"));
    }

    public interface INotImplemented : IDeployBuild
    {
        Target Elsewhere => _ => _;
    }

    private sealed class Composed : RecordingBuild, ICompile, IPublish
    {
        Target Verify => _ => _.DependsOn<IPublish>(x => x.Publish).Executes(Ran());
    }

    private sealed class Overriding : RecordingBuild, ICompile
    {
        public Target Compile => _ => _.Executes(Ran());
    }

    private sealed class Broken : RecordingBuild
    {
        Target Local => _ => _.DependsOn<INotImplemented>(x => x.Elsewhere).Executes(Ran());
    }

    [Fact]
    public async Task Targets_of_the_component_interfaces_a_build_implements_are_found_and_run()
    {
        using var driver = new BuildDriver();
        var build = new Composed();

        var result = await driver.RunAsync(build, ["Pack"]);

        Expect.Succeeded(result);
        Assert.Equal(["ICompile.Compile", "ICompile.Pack"], build.Journal.Entries);
    }

    [Fact]
    public async Task DependsOn_with_a_component_type_plans_the_component_target()
    {
        using var driver = new BuildDriver();
        var build = new Composed();

        var result = await driver.RunAsync(build, ["Verify"]);

        Expect.Succeeded(result);
        Assert.Equal(["ICompile.Compile", "ICompile.Pack", "IPublish.Publish", "Verify"], build.Journal.Entries);
        Assert.Equal(["Compile", "Pack", "Publish", "Verify"], result.PlannedTargets);
    }

    [Fact]
    public async Task A_public_property_of_the_same_name_overrides_a_component_target_everywhere()
    {
        using var driver = new BuildDriver();
        var build = new Overriding();

        var result = await driver.RunAsync(build, ["Pack"]);

        Expect.Succeeded(result);
        Assert.Equal(["Compile", "ICompile.Pack"], build.Journal.Entries);
        Assert.Equal(["Compile", "Pack"], result.PlannedTargets);
    }

    [Fact]
    public async Task DependsOn_a_component_the_build_does_not_implement_is_an_invalid_definition()
    {
        using var driver = new BuildDriver();
        var build = new Broken();

        var result = await driver.RunAsync(build, ["Local"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("DependsOn<INotImplemented>", result.Error, StringComparison.Ordinal);
        Assert.Contains("does not implement INotImplemented", result.Error, StringComparison.Ordinal);
    }
}
