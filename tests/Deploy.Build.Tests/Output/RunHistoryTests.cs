using System.Globalization;
using System.Text.Json;
using Deploy.Build.Tests.Execution;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Output;

/// <summary>build.log and run.json are the latest run's; the ten runs before it are kept in .nuke/temp/runs/.</summary>
public sealed class RunHistoryTests
{
    private sealed class Numbered(int number) : DeployBuild
    {
        Target Go => _ => _.Executes(() => Log.Information("this is run {Number}", number));
    }

    [Fact]
    public async Task The_latest_run_stays_in_build_log_and_run_json_and_the_ten_runs_before_it_are_kept()
    {
        using var driver = new BuildDriver();
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T20:00:00Z", CultureInfo.InvariantCulture));
        driver.Time = time;

        BuildResult? last = null;
        for (var run = 1; run <= 12; run++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            last = await driver.RunAsync(new Numbered(run), ["Go"]);
            RunAssert.ExitCode(0, last);
        }

        Assert.Contains("this is run 12", last!.LogFile, StringComparison.Ordinal);
        Assert.Equal("2026-12-01T20:12:00.000Z", last.RunRecord.GetProperty("startedAt").GetString());
        var kept = Directory.GetDirectories(Path.Combine(driver.Temp, "runs")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(2, 10).Select(run => $"2026-12-01T20-{run:00}-00.000Z"), kept.Select(Path.GetFileName));
        foreach (var (directory, run) in kept.Zip(Enumerable.Range(2, 10)))
        {
            Assert.Contains($"this is run {run}\n", File.ReadAllText(Path.Combine(directory, "build.log")), StringComparison.Ordinal);
            using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "run.json")));
            Assert.Equal($"2026-12-01T20:{run:00}:00.000Z", record.RootElement.GetProperty("startedAt").GetString());
            Assert.True(File.Exists(Path.Combine(directory, "run.html")), $"{directory} has no run.html");
        }
    }

    [Fact]
    public async Task Two_runs_that_started_at_the_same_instant_are_both_kept()
    {
        using var driver = new BuildDriver();
        driver.Time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T20:00:00Z", CultureInfo.InvariantCulture));

        for (var run = 1; run <= 3; run++)
        {
            RunAssert.ExitCode(0, await driver.RunAsync(new Numbered(run), ["Go"]));
        }

        var kept = Directory.GetDirectories(Path.Combine(driver.Temp, "runs")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["2026-12-01T20-00-00.000Z", "2026-12-01T20-00-00.000Z~2"], kept);
        Assert.Contains("this is run 2\n", File.ReadAllText(Path.Combine(driver.Temp, "runs", kept[1]!, "build.log")), StringComparison.Ordinal);
    }
}
