using System.Text;
using Deploy.Build.Records;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Output;

/// <summary><see cref="RecordedRun"/>: the one reader of run.json, for schemas 1 to 3.</summary>
public sealed class RecordedRunTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);

    private sealed class Pipeline(FakeTimeProvider clock) : DeployBuild
    {
        [Parameter("Where to deploy")]
        public string? Region { get; set; }

        [Parameter("A token"), Secret]
        public string? Token { get; set; }

        [Parameter("Tags")]
        public string[] Tags { get; set; } = [];

        Target Clone => _ => _.Executes(() => clock.Advance(TimeSpan.FromMilliseconds(1200))).Produces("commit", () => "4f2a9c1");
        Target Lint => _ => _.Before(Compile).Executes(() => clock.Advance(TimeSpan.FromMilliseconds(300)));
        Target Compile => _ => _.DependsOn(Clone).Executes(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(2500));
            throw new InvalidOperationException("CS1002: ; expected");
        });

        Target Notify => _ => _.TriggeredBy(Compile).Executes(() => { });
    }

    [Fact]
    public async Task A_run_reads_back_as_it_was_recorded()
    {
        var clock = new FakeTimeProvider(Start);
        using var driver = new BuildDriver { Time = clock };
        await driver.RunAsync(new Pipeline(clock), ["Compile", "Lint", "--parallel", "1", "--region", "eu", "--token", "s3cret", "--tags", "a", "b"]);

        var run = await RecordedRun.ReadAsync(Path.Combine(driver.Temp, "run.json"));

        Assert.Equal(RecordedRun.NewestSchema, run.Schema);
        Assert.True(run.HasPrerequisites);
        Assert.Equal(RunResult.Failed, run.Result);
        Assert.Equal(Start, run.StartedAt);
        Assert.Equal(Start.AddMilliseconds(4000), run.FinishedAt);
        Assert.Equal(TimeSpan.FromSeconds(4), run.WallTime);
        Assert.Equal(1, run.Parallelism);
        Assert.Equal(
            [new RecordedParameter("region", "the command line", ["eu"]), new RecordedParameter("token", "the command line", null), new RecordedParameter("tags", "the command line", ["a", "b"])],
            run.Parameters,
            new ParameterComparer());
        Assert.Empty(run.Problems);
        Assert.Equal(["Clone", "Lint", "Compile", "Notify"], run.Targets.Select(t => t.Name));
        Assert.Equal([TargetStatus.Succeeded, TargetStatus.Succeeded, TargetStatus.Failed, TargetStatus.NotRun], run.Targets.Select(t => t.Status));

        var compile = run.Find("Compile")!;
        Assert.Equal(["Clone"], compile.DependsOn);
        Assert.Equal(["Lint"], compile.After);
        Assert.Empty(compile.TriggeredBy);
        Assert.Equal(["Clone", "Lint"], compile.Prerequisites);
        Assert.Equal(Start.AddMilliseconds(1500), compile.StartedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), compile.Duration);
        Assert.Equal("CS1002: ; expected", compile.Error);
        Assert.Equal(["Compile"], run.Find("Notify")!.TriggeredBy);
        Assert.Equal("Compile failed", run.Find("Notify")!.Reason);
        Assert.Null(run.Find("Notify")!.StartedAt);
        Assert.Equal("4f2a9c1", run.Find("Clone")!.Outputs["commit"]);
    }

    [Fact]
    public void Records_of_schema_1_and_2_read_with_what_they_had_and_no_prerequisites()
    {
        const string Target = """{ "name": "Compile", "status": "Succeeded", "startedAt": "2026-11-25T20:00:00.000Z", "finishedAt": "2026-11-25T20:00:01.000Z", "durationSeconds": 1, "reason": null, "error": null, "outputs": {} }""";
        var first = RecordedRun.Parse(Encoding.UTF8.GetBytes($$"""{ "schema": 1, "result": "Succeeded", "startedAt": "2026-11-25T20:00:00.000Z", "finishedAt": "2026-11-25T20:00:01.000Z", "wallSeconds": 1, "parallelism": 2, "targets": [{{Target}}] }"""));
        var second = RecordedRun.Parse(Encoding.UTF8.GetBytes($$"""{ "schema": 2, "result": "Invalid", "startedAt": "2026-11-25T20:00:00.000Z", "finishedAt": "2026-11-25T20:00:00.000Z", "wallSeconds": 0, "parallelism": 2, "parameters": [], "problems": ["Missing --api-key."], "targets": [{{Target}}] }"""));

        Assert.Equal((1, RunResult.Succeeded, false), (first.Schema, first.Result, first.HasPrerequisites));
        Assert.Empty(first.Parameters);
        Assert.Empty(first.Problems);
        Assert.Equal((2, RunResult.Invalid, false), (second.Schema, second.Result, second.HasPrerequisites));
        Assert.Equal(["Missing --api-key."], second.Problems);
        Assert.All([first, second], run => Assert.Empty(run.Targets.Single().Prerequisites));
    }

    [Theory]
    [InlineData("[]", "it is not a JSON object")]
    [InlineData("""{ "schema": 4 }""", "it is not a run record of schema 1 to 3")]
    [InlineData("""{ "schema": 3, "result": "Done" }""", "\"result\" is 'Done', not one of Succeeded, Failed, Cancelled, Invalid")]
    [InlineData("""{ "schema": 3, "result": "Failed", "startedAt": "yesterday" }""", "\"startedAt\" is not a time: 'yesterday'")]
    [InlineData("""{ "schema": 3, "result": "Failed", "startedAt": "2026-11-25T20:00:00Z", "finishedAt": "2026-11-25T20:00:00Z", "wallSeconds": 0, "parallelism": 1, "parameters": [], "problems": [] }""", "\"targets\" is missing or not an array")]
    [InlineData("{ \"schema\": 3, ", "it is not valid JSON")]
    public void A_file_that_is_not_a_run_record_is_a_FormatException_that_says_why(string json, string why)
    {
        var exception = Assert.Throws<FormatException>(() => RecordedRun.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.StartsWith(why, exception.Message, StringComparison.Ordinal);
    }

    private sealed class ParameterComparer : IEqualityComparer<RecordedParameter>
    {
        public bool Equals(RecordedParameter? x, RecordedParameter? y) =>
            x?.Name == y?.Name && x?.Source == y?.Source && (x?.Values ?? []).SequenceEqual(y?.Values ?? []) && (x?.Values is null) == (y?.Values is null);

        public int GetHashCode(RecordedParameter obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
