using System.Globalization;
using System.Text.RegularExpressions;
using Deploy.Build.Hosts;
using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Output;

public sealed partial class GitHubActionsTests
{
    private const string Secret = "hunter2-Zq9x";

    /// <summary>A driver on a GitHub Actions runner, with the step summary and output files in the scratch root.</summary>
    private static BuildDriver OnGitHub()
    {
        var driver = new BuildDriver();
        driver.Environment["GITHUB_ACTIONS"] = "true";
        driver.Environment["GITHUB_STEP_SUMMARY"] = Path.Combine(driver.Root, "step-summary.md");
        driver.Environment["GITHUB_OUTPUT"] = Path.Combine(driver.Root, "output.txt");
        return driver;
    }

    /// <summary>Both targets log many lines at the same time (each waits until the other has started).</summary>
    private sealed class Concurrent : DeployBuild
    {
        public const int Lines = 200;
        private readonly Gate _alphaStarted = new();
        private readonly Gate _betaStarted = new();

        Target Alpha => _ => _.Executes(ct => TalkAsync("Alpha", _alphaStarted, _betaStarted, ct));
        Target Beta => _ => _.Executes(ct => TalkAsync("Beta", _betaStarted, _alphaStarted, ct));
        Target Both => _ => _.DependsOn(Alpha, Beta);

        private async Task TalkAsync(string name, Gate mine, Gate other, CancellationToken cancellationToken)
        {
            mine.Open();
            await other.WaitAsync(cancellationToken);
            for (var i = 0; i < Lines; i++)
            {
                Log.Information("{Name} line {Number}", name, i);
                if (i % 20 == 0)
                {
                    await Task.Yield();
                }
            }
        }
    }

    [Fact]
    public async Task Each_target_of_a_parallel_build_is_one_well_formed_group_holding_only_its_own_lines()
    {
        using var driver = OnGitHub();

        var result = await driver.RunAsync(new Concurrent(), ["Both"]);

        RunAssert.ExitCode(0, result);
        var groups = Groups(result.Output);
        Assert.Equal(["Alpha", "Beta"], groups.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, lines) in groups)
        {
            Assert.All(lines, l => Assert.Equal(name, l.Target));
            var talk = lines.Where(l => l.Text.Contains(" line ", StringComparison.Ordinal)).Select(l => l.Text);
            Assert.Equal(Enumerable.Range(0, Concurrent.Lines).Select(i => $"{name} line {i}"), talk);
        }
    }

    private sealed class Failing : DeployBuild
    {
        Target Report => _ => _.Executes(() =>
        {
            Log.Warning("careful: 50% done, really");
            throw new InvalidOperationException("bad\nworse");
        });
    }

    [Fact]
    public async Task A_failed_target_is_an_error_annotation_after_its_group_and_its_warnings_are_warning_annotations()
    {
        using var driver = OnGitHub();

        var result = await driver.RunAsync(new Failing(), ["Report"]);

        RunAssert.ExitCode(1, result);
        var lines = LogLine.ConsoleLines(result.Output);
        var end = lines.ToList().IndexOf("::endgroup::");
        Assert.Equal("::group::Report", lines[0]);
        Assert.Equal("::warning title=Report::careful: 50%25 done, really", lines[end + 1]);
        Assert.Equal("::error title=Report::bad%0Aworse", lines[end + 2]);
        Assert.Single(Groups(result.Output));
    }

    [Fact]
    public void Workflow_command_properties_escape_colons_and_commas_and_data_escapes_percent_and_line_breaks()
    {
        Assert.Equal("::error title=a%3Ab%2Cc%25::x%25%0D%0Ay: z, w\n", GitHubActionsCommands.Error("a:b,c%", "x%\r\ny: z, w"));
    }

    private sealed class Pipeline : DeployBuild
    {
        [Parameter("Registry token"), Secret]
        public string? Token { get; set; }

        Target Clone => _ => _.Executes(() => Log.Information("cloning with {Token}", Token))
            .Produces("commit", () => "abc123")
            .Produces("notes", () => "line one\nline two");

        Target Test => _ => _.DependsOn(Clone).Executes(() => Log.Information("testing"));

        Target Image => _ => _.DependsOn(Clone).Executes(() => Log.Information("building"))
            .Produces("digest", () => "sha256:0f1e")
            .Produces("token", () => Token);

        Target Release => _ => _.DependsOn(Test, Image);
    }

    [Fact]
    public async Task The_step_summary_holds_the_table_and_a_gantt_chart_whose_bars_match_the_run_record()
    {
        using var driver = OnGitHub();
        driver.Environment["DEPLOY_TOKEN"] = Secret;

        var result = await driver.RunAsync(new Pipeline(), ["Release"]);

        RunAssert.ExitCode(0, result);
        var summary = File.ReadAllText(driver.Environment["GITHUB_STEP_SUMMARY"]);
        Assert.Contains("| Target | Status | Duration | Start | Note |\n", summary, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\| Clone \| Succeeded \| \d:\d\d\.\d\d \| \+\d:\d\d\.\d\d \| commit: abc123; notes: line one line two \|$", summary);
        Assert.Matches(@"Critical path: Clone -> (Test|Image) -> Release", summary);
        Assert.DoesNotContain(Secret, summary, StringComparison.Ordinal);

        var gantt = Regex.Match(summary, "```mermaid\ngantt\n(?<body>.*?)```", RegexOptions.Singleline);
        Assert.True(gantt.Success, summary);
        Assert.Contains("dateFormat x\n", gantt.Groups["body"].Value, StringComparison.Ordinal);
        var bars = Bar().Matches(gantt.Groups["body"].Value).ToDictionary(m => m.Groups["name"].Value, m => (
            Status: m.Groups["status"].Value,
            From: long.Parse(m.Groups["from"].Value, CultureInfo.InvariantCulture),
            To: long.Parse(m.Groups["to"].Value, CultureInfo.InvariantCulture)));

        var record = result.RunRecord;
        var start = Milliseconds(record.GetProperty("startedAt").GetString()!);
        var expected = record.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => (
            Status: t.GetProperty("status").GetString()!,
            From: Milliseconds(t.GetProperty("startedAt").GetString()!) - start,
            To: Milliseconds(t.GetProperty("finishedAt").GetString()!) - start));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), bars.OrderBy(b => b.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Target_outputs_go_to_github_output_multiline_ones_with_a_delimiter_and_secrets_masked()
    {
        using var driver = OnGitHub();
        driver.Environment["DEPLOY_TOKEN"] = Secret;

        var result = await driver.RunAsync(new Pipeline(), ["Release"]);

        RunAssert.ExitCode(0, result);
        var outputs = File.ReadAllText(driver.Environment["GITHUB_OUTPUT"]);
        Assert.Contains("commit=abc123\n", outputs, StringComparison.Ordinal);
        Assert.Contains("digest=sha256:0f1e\n", outputs, StringComparison.Ordinal);
        Assert.Contains("token=***\n", outputs, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^notes<<(?<d>ghadelimiter_\w+)\nline one\nline two\n\k<d>$", outputs);
        // The one place the value is written: the command that has the runner mask it, before any other line.
        Assert.StartsWith($"::add-mask::{Secret}\n", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, outputs + result.Output[$"::add-mask::{Secret}\n".Length..], StringComparison.Ordinal);
        Assert.Contains(Groups(result.Output)["Clone"], l => l.Text == "cloning with ***");
    }

    [Fact]
    public async Task Without_github_actions_the_output_has_no_workflow_commands_and_no_files_are_written()
    {
        using var driver = OnGitHub();
        driver.Environment.Remove("GITHUB_ACTIONS");

        var result = await driver.RunAsync(new Failing(), ["Report"]);

        RunAssert.ExitCode(1, result);
        Assert.DoesNotContain(result.Output.Split('\n'), l => l.StartsWith("::", StringComparison.Ordinal));
        Assert.False(File.Exists(driver.Environment["GITHUB_STEP_SUMMARY"]));
        Assert.False(File.Exists(driver.Environment["GITHUB_OUTPUT"]));
    }

    /// <summary>
    /// The log's groups by target, checking they are well-formed: never nested, always closed, only log lines
    /// inside; outside them only the engine's lines and annotations.
    /// </summary>
    private static Dictionary<string, List<LogLine>> Groups(string output)
    {
        var groups = new Dictionary<string, List<LogLine>>(StringComparer.Ordinal);
        List<LogLine>? open = null;
        foreach (var line in LogLine.ConsoleLines(output))
        {
            if (line.StartsWith("::group::", StringComparison.Ordinal))
            {
                Assert.Null(open);
                open = [];
                groups.Add(line["::group::".Length..], open);
            }
            else if (line == "::endgroup::")
            {
                Assert.NotNull(open);
                open = null;
            }
            else if (open is not null)
            {
                open.Add(LogLine.ParseConsole(line) ?? throw new Xunit.Sdk.XunitException($"Not a log line inside a group: '{line}'"));
            }
            else if (!line.StartsWith("::warning ", StringComparison.Ordinal) && !line.StartsWith("::error ", StringComparison.Ordinal) && !line.StartsWith("::add-mask::", StringComparison.Ordinal))
            {
                Assert.Equal("deploy", LogLine.ParseConsole(line)?.Target);
            }
        }

        Assert.Null(open);
        return groups;
    }

    private static long Milliseconds(string timestamp) => DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    [GeneratedRegex(@"(?m)^    (?<name>\S+) \((?<status>\w+)\) :(?:\w+, )*t\d+, (?<from>\d+), (?<to>\d+)$")]
    private static partial Regex Bar();
}
