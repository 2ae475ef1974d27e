using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Cli;

/// <summary>--continue reruns only what did not succeed in the last run with the same arguments.</summary>
public sealed class ContinueTests
{
    private sealed class Flaky(Journal journal, bool publishFails) : DeployBuild
    {
        Target Compile => _ => _.Executes(() => journal.Add("Compile"));

        Target Publish => _ => _
            .DependsOn(Compile)
            .Executes(() =>
            {
                journal.Add("Publish");
                if (publishFails)
                {
                    throw new InvalidOperationException("the feed is down");
                }
            });
    }

    [Fact]
    public async Task A_continued_run_skips_what_succeeded_and_reruns_the_failure()
    {
        using var driver = new BuildDriver();
        var first = new Journal();
        var second = new Journal();

        var failed = await driver.RunAsync(new Flaky(first, publishFails: true), ["Publish"]);
        var continued = await driver.RunAsync(new Flaky(second, publishFails: false), ["Publish", "--continue"]);

        Assert.Equal(1, failed.ExitCode);
        Assert.Equal(["Compile", "Publish"], first.Entries);
        Assert.Equal(0, continued.ExitCode);
        Assert.Equal(["Publish"], second.Entries);
        Assert.Equal("Skipped", continued.StatusOf("Compile"));
        Assert.Equal("succeeded in the previous run (--continue)", continued.Target("Compile").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Targets_skipped_by_a_continued_run_stay_done_for_the_next_one()
    {
        using var driver = new BuildDriver();
        var third = new Journal();

        await driver.RunAsync(new Flaky(new Journal(), publishFails: true), ["Publish"]);
        await driver.RunAsync(new Flaky(new Journal(), publishFails: true), ["Publish", "--continue"]);
        var result = await driver.RunAsync(new Flaky(third, publishFails: false), ["Publish", "--continue"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Publish"], third.Entries);
    }

    [Fact]
    public async Task Other_arguments_than_last_time_run_everything_with_a_warning()
    {
        using var driver = new BuildDriver();
        var second = new Journal();

        await driver.RunAsync(new Flaky(new Journal(), publishFails: true), ["Publish"]);
        var result = await driver.RunAsync(new Flaky(second, publishFails: false), ["Publish", "--parallel", "1", "--continue"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Compile", "Publish"], second.Entries);
        Assert.Contains("--continue: no earlier run with the same arguments", result.Output, StringComparison.Ordinal);
    }
}
