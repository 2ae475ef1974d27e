using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests;

public sealed class SmokeTests
{
    private sealed class Chain : DeployBuild
    {
        public Journal Journal { get; } = new();

        Target A => _ => _.Executes(() => Journal.Add("A"));
        Target B => _ => _.DependsOn(A).Executes(async () => { await Task.Yield(); Journal.Add("B"); });
        Target C => _ => _.DependsOn(B).Executes(async ct => { await Task.Delay(1, ct); Journal.Add("C"); });
    }

    [Fact]
    public async Task A_chain_runs_in_dependency_order_and_writes_the_run_record()
    {
        using var driver = new BuildDriver();
        var build = new Chain();

        var result = await driver.RunAsync(build, ["C"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["A", "B", "C"], build.Journal.Entries);
        Assert.Equal("Succeeded", result.RunRecord.GetProperty("result").GetString());
        Assert.Equal(["A", "B", "C"], result.PlannedTargets);
    }
}
