using System.Text.Json;
using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Output;

public sealed class RunRecordTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);

    /// <summary>Each target moves the fake clock, so every time in the record is known.</summary>
    private sealed class Pipeline(FakeTimeProvider clock) : DeployBuild
    {
        public string Commit { get; private set; } = "";

        Target Clone => _ => _.Executes(() =>
            {
                clock.Advance(TimeSpan.FromMilliseconds(1200));
                Commit = "4f2a9c1";
            })
            .Produces("commit", () => Commit)
            .Produces("depth", () => 1)
            .Produces("tag", () => null);

        Target Lint => _ => _.OnlyWhenStatic(() => Commit == "skip me").Executes(() => { });

        Target Compile => _ => _.DependsOn(Clone).Executes(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(2500));
            throw new InvalidOperationException("CS1002: ; expected");
        });

        Target Test => _ => _.DependsOn(Compile).Executes(() => { });
        Target All => _ => _.DependsOn(Lint, Test);
    }

    private static async Task<(BuildResult Result, string Record)> RunPipelineAsync(params string[] args)
    {
        var clock = new FakeTimeProvider(Start);
        using var driver = new BuildDriver { Time = clock };
        var result = await driver.RunAsync(new Pipeline(clock), args);
        Assert.False(File.Exists(Path.Combine(driver.Temp, "run.json.partial")));
        return (result, result.RunRecordText);
    }

    [Fact]
    public async Task The_run_record_has_exactly_the_keys_of_the_contract()
    {
        var (_, text) = await RunPipelineAsync("All", "--parallel", "1");

        var record = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["schema", "result", "startedAt", "finishedAt", "wallSeconds", "parallelism", "parameters", "problems", "targets"], record.EnumerateObject().Select(p => p.Name));
        Assert.All(record.GetProperty("targets").EnumerateArray(), target => Assert.Equal(
            ["name", "status", "dependsOn", "triggeredBy", "after", "startedAt", "finishedAt", "durationSeconds", "reason", "error", "outputs"],
            target.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task The_run_record_of_a_failed_run_reads_exactly_as_the_contract_says()
    {
        var (result, text) = await RunPipelineAsync("All", "--parallel", "1");

        RunAssert.ExitCode(1, result);
        Assert.Equal(
            """
            {
              "schema": 3,
              "result": "Failed",
              "startedAt": "2026-11-25T20:00:00.000Z",
              "finishedAt": "2026-11-25T20:00:03.700Z",
              "wallSeconds": 3.7,
              "parallelism": 1,
              "parameters": [],
              "problems": [],
              "targets": [
                {
                  "name": "Clone",
                  "status": "Succeeded",
                  "dependsOn": [],
                  "triggeredBy": [],
                  "after": [],
                  "startedAt": "2026-11-25T20:00:00.000Z",
                  "finishedAt": "2026-11-25T20:00:01.200Z",
                  "durationSeconds": 1.2,
                  "reason": null,
                  "error": null,
                  "outputs": {
                    "commit": "4f2a9c1",
                    "depth": "1"
                  }
                },
                {
                  "name": "Lint",
                  "status": "Skipped",
                  "dependsOn": [],
                  "triggeredBy": [],
                  "after": [],
                  "startedAt": null,
                  "finishedAt": null,
                  "durationSeconds": 0,
                  "reason": "Commit == \"skip me\"",
                  "error": null,
                  "outputs": {}
                },
                {
                  "name": "Compile",
                  "status": "Failed",
                  "dependsOn": [
                    "Clone"
                  ],
                  "triggeredBy": [],
                  "after": [],
                  "startedAt": "2026-11-25T20:00:01.200Z",
                  "finishedAt": "2026-11-25T20:00:03.700Z",
                  "durationSeconds": 2.5,
                  "reason": null,
                  "error": "CS1002: ; expected",
                  "outputs": {}
                },
                {
                  "name": "Test",
                  "status": "NotRun",
                  "dependsOn": [
                    "Compile"
                  ],
                  "triggeredBy": [],
                  "after": [],
                  "startedAt": null,
                  "finishedAt": null,
                  "durationSeconds": 0,
                  "reason": "Compile failed",
                  "error": null,
                  "outputs": {}
                },
                {
                  "name": "All",
                  "status": "NotRun",
                  "dependsOn": [
                    "Lint",
                    "Test"
                  ],
                  "triggeredBy": [],
                  "after": [],
                  "startedAt": null,
                  "finishedAt": null,
                  "durationSeconds": 0,
                  "reason": "Test did not run",
                  "error": null,
                  "outputs": {}
                }
              ]
            }
            """.ReplaceLineEndings("\n"),
            text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_succeeded_run_records_result_succeeded_and_the_parallelism_it_ran_with()
    {
        var (result, text) = await RunPipelineAsync("Clone", "--parallel", "3");

        RunAssert.ExitCode(0, result);
        var record = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Succeeded", record.GetProperty("result").GetString());
        Assert.Equal(3, record.GetProperty("parallelism").GetInt32());
        Assert.Equal(1.2, record.GetProperty("wallSeconds").GetDouble());
    }

    [Fact]
    public async Task Each_run_replaces_the_record_of_the_previous_one()
    {
        var clock = new FakeTimeProvider(Start);
        using var driver = new BuildDriver { Time = clock };

        await driver.RunAsync(new Pipeline(clock), ["All"]);
        var second = await driver.RunAsync(new Pipeline(clock), ["Clone"]);

        Assert.Equal(["Clone"], second.PlannedTargets);
        Assert.Equal("Succeeded", RunAssert.ResultOf(second));
    }
}
