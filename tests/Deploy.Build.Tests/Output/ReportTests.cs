using System.Xml;
using System.Xml.Linq;
using Deploy.Build.Tests.Execution;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Output;

/// <summary>The pictures: execution-plan.html from --plan, run.html from every run and from --report.</summary>
public sealed class ReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);

    private sealed class Pipeline : DeployBuild
    {
        private readonly int replicas = 2;

        Target Clone => _ => _.Description($"Clone for {replicas} replicas").Executes(() => { });
        Target Lint => _ => _.After(Clone).OnlyWhenStatic(() => replicas < 0).Executes(() => { });
        Target Compile => _ => _.DependsOn(Clone).Executes(() => { });
        Target Test => _ => _.DependsOn(Compile).Executes(() => { });
        Target Image => _ => _.DependsOn(Compile).Executes(() => { });
        Target Rollout => _ => _.DependsOn(Test, Image, Lint).Executes(() => { });
    }

    /// <summary>Each target moves the fake clock, so the timeline is known; Compile fails, so Test and All never run.</summary>
    private sealed class Failing(FakeTimeProvider clock) : DeployBuild
    {
        public int Ran { get; private set; }

        Target Clone => _ => _.Executes(() =>
        {
            Ran++;
            clock.Advance(TimeSpan.FromMilliseconds(1200));
        });

        Target Lint => _ => _.OnlyWhenStatic(() => Ran < 0).Executes(() => { });

        Target Compile => _ => _.DependsOn(Clone).Executes(() =>
        {
            Ran++;
            clock.Advance(TimeSpan.FromMilliseconds(2500));
            throw new InvalidOperationException("CS1002: ; expected after List<T> & \"x\"");
        });

        Target Test => _ => _.DependsOn(Compile).Executes(() => Ran++);
        Target All => _ => _.DependsOn(Lint, Test);
    }

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XDocument Load(string path)
    {
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static bool HasClass(XElement element, string name) =>
        ((string?)element.Attribute("class") ?? "").Split(' ').Contains(name);

    private static IEnumerable<XElement> WithClass(XDocument page, string element, string name) =>
        page.Descendants(Svg + element).Where(e => HasClass(e, name));

    [Fact]
    public async Task The_plan_page_draws_one_node_per_planned_target_and_one_edge_per_dependency()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Pipeline(), ["Rollout", "--plan"]);

        RunAssert.ExitCode(0, result);
        var page = Load(Path.Combine(driver.Temp, "execution-plan.html"));
        var nodes = WithClass(page, "g", "node").ToList();
        Assert.Equal(
            ["Clone", "Compile", "Image", "Lint", "Rollout", "Test"],
            nodes.Select(n => (string)n.Attribute("data-target")!).Order(StringComparer.Ordinal));
        Assert.All(nodes, n => Assert.Equal((string)n.Attribute("data-target")!, n.Element(Svg + "text")!.Value));
        Assert.All(nodes, n => Assert.NotNull(n.Element(Svg + "rect")));

        static string Edge(XElement e) => $"{e.Attribute("data-from")!.Value}->{e.Attribute("data-to")!.Value}";
        Assert.Equal(
            ["Clone->Compile", "Compile->Image", "Compile->Test", "Image->Rollout", "Lint->Rollout", "Test->Rollout"],
            WithClass(page, "path", "needs").Select(Edge).Order(StringComparer.Ordinal));
        Assert.Equal(["Clone->Lint"], WithClass(page, "path", "after").Select(Edge));
        Assert.All(WithClass(page, "path", "edge"), e => Assert.Equal("url(#arrow)", (string?)e.Attribute("marker-end")));

        var lint = nodes.Single(n => (string?)n.Attribute("data-target") == "Lint");
        Assert.True(HasClass(lint, "skipped"));
        Assert.Contains("replicas < 0", lint.Element(Svg + "title")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", File.ReadAllText(Path.Combine(driver.Temp, "execution-plan.html")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_run_draws_one_bar_per_target_that_ran_coloured_by_status_and_rows_for_the_rest()
    {
        var clock = new FakeTimeProvider(Start);
        using var driver = new BuildDriver { Time = clock };

        var result = await driver.RunAsync(new Failing(clock), ["All", "--parallel", "1"]);

        RunAssert.ExitCode(1, result);
        var page = Load(Path.Combine(driver.Temp, "run.html"));
        var bars = WithClass(page, "rect", "bar").ToDictionary(b => (string)b.Attribute("data-target")!);
        Assert.Equal(["Clone", "Compile"], bars.Keys.Order(StringComparer.Ordinal));
        Assert.True(HasClass(bars["Clone"], "succeeded"));
        Assert.True(HasClass(bars["Compile"], "failed"));
        Assert.True(HasClass(bars["Clone"], "critical") && HasClass(bars["Compile"], "critical"));
        Assert.True(double.Parse(bars["Compile"].Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture)
            > double.Parse(bars["Clone"].Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture));

        var rows = WithClass(page, "g", "row").ToDictionary(r => (string)r.Attribute("data-target")!);
        Assert.Equal(result.PlannedTargets.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(r.Key, r.Value.Elements(Svg + "text").First(t => HasClass(t, "label")).Value));
        foreach (var name in new[] { "Lint", "Test", "All" })
        {
            Assert.Empty(rows[name].Elements(Svg + "rect"));
            Assert.Equal(result.StatusOf(name), (string?)rows[name].Attribute("data-status"));
        }

        Assert.Contains("skipped: ", rows["Lint"].Elements(Svg + "text").Single(t => HasClass(t, "note")).Value, StringComparison.Ordinal);
        Assert.Contains("not run", rows["Test"].Elements(Svg + "text").Single(t => HasClass(t, "note")).Value, StringComparison.Ordinal);
        Assert.Equal(["0s", "0.5s", "1s", "1.5s", "2s", "2.5s", "3s", "3.5s"], WithClass(page, "text", "tick").Select(t => t.Value));

        var text = page.Root!.Value;
        Assert.Contains("Failed", text, StringComparison.Ordinal);
        Assert.Contains("3.7s", text, StringComparison.Ordinal);
        Assert.Contains("CS1002: ; expected after List<T> & \"x\"", text, StringComparison.Ordinal);
        Assert.Contains("Clone → Compile", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_draws_the_same_page_from_a_saved_run_record_and_runs_nothing()
    {
        var clock = new FakeTimeProvider(Start);
        using var driver = new BuildDriver { Time = clock };
        var build = new Failing(clock);
        await driver.RunAsync(build, ["All", "--parallel", "1"]);
        var original = File.ReadAllText(Path.Combine(driver.Temp, "run.html"));
        var saved = Path.Combine(driver.Root, "artifacts", "run.json");
        Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
        File.Copy(Path.Combine(driver.Temp, "run.json"), saved);
        File.Delete(Path.Combine(driver.Temp, "run.html"));
        File.Delete(Path.Combine(driver.Temp, "run.json"));
        var ran = build.Ran;

        var result = await driver.RunAsync(build, ["--report", saved]);

        RunAssert.ExitCode(0, result);
        Assert.Equal(ran, build.Ran);
        Assert.False(File.Exists(Path.Combine(driver.Temp, "run.json")));
        Assert.Equal(original, File.ReadAllText(Path.Combine(driver.Temp, "run.html")));
        Assert.Contains(Path.Combine(driver.Temp, "run.html"), result.Output, StringComparison.Ordinal);
    }

    private static string Target(string name, int start, int duration, params string[] dependsOn) =>
        $$"""{ "name": "{{name}}", "status": "Succeeded", "dependsOn": [{{string.Join(", ", dependsOn.Select(d => $"\"{d}\""))}}], "triggeredBy": [], "after": [], "startedAt": "{{Start.AddMilliseconds(start):yyyy-MM-ddTHH:mm:ss.fffZ}}", "finishedAt": "{{Start.AddMilliseconds(start + duration):yyyy-MM-ddTHH:mm:ss.fffZ}}", "durationSeconds": {{duration / 1000.0}}, "reason": null, "error": null, "outputs": {} }""";

    private static string Record(int schema, params string[] targets) =>
        $$"""{ "schema": {{schema}}, "result": "Succeeded", "startedAt": "{{Start:yyyy-MM-ddTHH:mm:ss.fffZ}}", "finishedAt": "{{Start.AddMilliseconds(6000):yyyy-MM-ddTHH:mm:ss.fffZ}}", "wallSeconds": 6, "parallelism": 3, "parameters": [], "problems": [], "targets": [{{string.Join(", ", targets)}}] }""";

    [Fact]
    public async Task Run_html_follows_the_records_edges_not_the_times()
    {
        using var driver = new BuildDriver();
        var file = Path.Combine(driver.Root, "run.json");

        // Lint ends a moment before Join starts, and depends on nothing: the times alone would put it on the path.
        File.WriteAllText(file, Record(3, Target("Clone", 0, 1000), Target("Lint", 0, 5005), Target("Fast", 1000, 500, "Clone"), Target("Slow", 1000, 4000, "Clone"), Target("Join", 5010, 990, "Fast", "Slow")));
        var result = await driver.RunAsync(new Pipeline(), ["--report", file]);

        RunAssert.ExitCode(0, result);
        var page = Load(Path.Combine(driver.Temp, "run.html"));
        Assert.Equal(["Clone", "Slow", "Join"], WithClass(page, "rect", "critical").Select(b => (string)b.Attribute("data-target")!));
        Assert.Contains("Critical path (outlined): Clone → Slow → Join", page.Root!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_without_edges_draws_no_critical_path_and_says_why()
    {
        using var driver = new BuildDriver();
        var file = Path.Combine(driver.Root, "run.json");
        File.WriteAllText(file, Record(2, Target("Clone", 0, 1000), Target("Compile", 1000, 500)).Replace("\"dependsOn\": [], \"triggeredBy\": [], \"after\": [], ", "", StringComparison.Ordinal));

        var result = await driver.RunAsync(new Pipeline(), ["--report", file]);

        RunAssert.ExitCode(0, result);
        var page = Load(Path.Combine(driver.Temp, "run.html"));
        Assert.Empty(WithClass(page, "rect", "critical"));
        Assert.Equal(2, WithClass(page, "rect", "bar").Count());
        Assert.Contains("No critical path: this record (schema 2) has no prerequisites to follow; records of schema 3 on do.", page.Root!.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{ \"schema\": 1, \"targets\": ")]
    [InlineData("{ \"schema\": 2, \"targets\": [] }")]
    public async Task Report_of_a_missing_or_invalid_file_exits_2_with_one_message(string? content)
    {
        using var driver = new BuildDriver();
        var file = Path.Combine(driver.Root, "run.json");
        if (content is not null)
        {
            File.WriteAllText(file, content);
        }

        var result = await driver.RunAsync(new Pipeline(), ["--report", file]);

        RunAssert.ExitCode(2, result);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: --report '{file}'", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(driver.Temp, "run.html")));
    }
}
