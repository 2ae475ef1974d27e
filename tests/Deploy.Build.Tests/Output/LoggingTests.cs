using System.Text.RegularExpressions;
using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Output;

public sealed class LoggingTests
{
    private sealed class Chatty : DeployBuild
    {
        Target Clone => _ => _.Executes(async () =>
        {
            Log.Information("clone: before any await");
            await Task.Yield();
            Log.Information("clone: after Task.Yield");
            await Task.Run(static () => { }).ConfigureAwait(false);
            Log.Information("clone: after ConfigureAwait(false)");
            await HelperAsync("clone");
            await Task.Run(() => Log.Information("clone: inside Task.Run"));
        });

        Target Compile => _ => _.DependsOn(Clone).Executes(async () =>
        {
            Log.Information("compile: before any await");
            await Task.Yield();
            await HelperAsync("compile");
            Log.Warning("compile: a warning");
        });

        private async Task HelperAsync(string who)
        {
            await Task.Yield();
            Log.Information("{Who}: in an awaited helper", who);
        }
    }

    [Fact]
    public async Task Every_line_a_target_logs_carries_its_name_also_after_awaits()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Chatty(), ["Compile"]);

        RunAssert.ExitCode(0, result);
        var lines = LogLine.ConsoleLines(result.Output).Select(l => LogLine.ParseConsole(l) ?? throw new Xunit.Sdk.XunitException($"Not a log line: '{l}'")).ToList();
        var fromTargets = lines.Where(l => l.Text.StartsWith("clone:", StringComparison.Ordinal) || l.Text.Contains("compile:", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            ("Clone", "clone: before any await"),
            ("Clone", "clone: after Task.Yield"),
            ("Clone", "clone: after ConfigureAwait(false)"),
            ("Clone", "clone: in an awaited helper"),
            ("Clone", "clone: inside Task.Run"),
            ("Compile", "compile: before any await"),
            ("Compile", "compile: in an awaited helper"),
            ("Compile", "WRN compile: a warning"),
        ], fromTargets.Select(l => (l.Target, l.Text)));
    }

    [Fact]
    public async Task The_log_file_has_a_timestamp_level_and_target_on_every_line_including_debug()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Chatty(), ["Compile"]);

        RunAssert.ExitCode(0, result);
        var lines = LogLine.FileLines(result.LogFile).Select(l => LogLine.ParseFile(l) ?? throw new Xunit.Sdk.XunitException($"Not a log file line: '{l}'")).ToList();
        Assert.Contains(new LogLine("Clone", "INF", "clone: after ConfigureAwait(false)"), lines);
        Assert.Contains(new LogLine("Clone", "INF", "clone: inside Task.Run"), lines);
        Assert.Contains(new LogLine("Compile", "WRN", "compile: a warning"), lines);
        Assert.Contains(new LogLine("Compile", "DBG", "Starting Compile"), lines);
        Assert.Contains(lines, l => l is { Target: "Compile", Level: "INF" } && Regex.IsMatch(l.Text, @"^Compile succeeded in \d:\d\d\.\d\d$"));
    }

    /// <summary>Both targets log many lines at the same time (each waits until the other has started).</summary>
    private sealed class Concurrent : DeployBuild
    {
        public const int Lines = 400;
        public Gate AlphaStarted { get; } = new();
        public Gate BetaStarted { get; } = new();

        Target Alpha => _ => _.Executes(ct => TalkAsync("Alpha", AlphaStarted, BetaStarted, ct));
        Target Beta => _ => _.Executes(ct => TalkAsync("Beta", BetaStarted, AlphaStarted, ct));
        Target Both => _ => _.DependsOn(Alpha, Beta);

        private async Task TalkAsync(string name, Gate mine, Gate other, CancellationToken cancellationToken)
        {
            mine.Open();
            await other.WaitAsync(cancellationToken);
            for (var i = 0; i < Lines; i++)
            {
                Log.Information("{Name} line {Number} of a message long enough to be written in more than one piece if it were torn", name, i);
                if (i % 50 == 0)
                {
                    await Task.Yield();
                }
            }
        }
    }

    [Fact]
    public async Task Lines_of_two_targets_logging_at_once_are_never_torn_or_mixed()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Concurrent(), ["Both"]);

        RunAssert.ExitCode(0, result);
        foreach (var (lines, parse) in new (IReadOnlyList<string>, Func<string, LogLine?>)[]
        {
            (LogLine.ConsoleLines(result.Output), LogLine.ParseConsole),
            (LogLine.FileLines(result.LogFile), LogLine.ParseFile),
        })
        {
            var talk = lines.Select(l => parse(l) ?? throw new Xunit.Sdk.XunitException($"Torn or unprefixed line: '{l}'"))
                .Where(l => l.Text.Contains(" line ", StringComparison.Ordinal)).ToList();
            foreach (var name in new[] { "Alpha", "Beta" })
            {
                var expected = Enumerable.Range(0, Concurrent.Lines).Select(i => $"{name} line {i} of a message long enough to be written in more than one piece if it were torn");
                Assert.Equal(expected, talk.Where(l => l.Target == name).Select(l => l.Text));
            }

            Assert.Equal(2 * Concurrent.Lines, talk.Count);
        }
    }

    private sealed class MultiLine : DeployBuild
    {
        Target Report => _ => _.Executes(() =>
        {
            Log.Information("first\nsecond\r\nthird");
            throw new InvalidOperationException("bad\nworse");
        });
    }

    [Fact]
    public async Task Each_line_of_a_multi_line_message_or_exception_gets_the_prefix()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new MultiLine(), ["Report"]);

        RunAssert.ExitCode(1, result);
        var console = LogLine.ConsoleLines(result.Output).Select(LogLine.ParseConsole).ToList();
        Assert.All(console, l => Assert.NotNull(l));
        Assert.Equal(
            ["first", "second", "third", "ERR Report failed: bad", "ERR worse"],
            console.Where(l => l!.Target == "Report").Select(l => l!.Text));

        var file = LogLine.FileLines(result.LogFile).Select(LogLine.ParseFile).ToList();
        Assert.All(file, l => Assert.NotNull(l));
        var errors = file.Where(l => l!.Level == "ERR").Select(l => l!.Text).ToList();
        Assert.Equal(["Report failed: bad", "worse", "System.InvalidOperationException: bad", "worse"], errors.Take(4));
        Assert.All(errors.Skip(4), e => Assert.StartsWith("   at ", e, StringComparison.Ordinal));
    }

    private sealed class Short : DeployBuild, IRunObserver
    {
        Target Go => _ => _.Executes(() => Log.Information("going"));
        Target Up => _ => _.DependsOn(Go).Executes(() => Log.Warning("up"));

        public void RunStarted(RunStartedEvent run) => throw new InvalidOperationException("no dashboard");
    }

    [Fact]
    public async Task The_name_column_is_aligned_across_targets_and_the_engines_own_lines()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Short(), ["Up"]);

        RunAssert.ExitCode(0, result);
        var lines = LogLine.ConsoleLines(result.Output);
        Assert.Contains(lines, l => l.Contains(" deploy | WRN Observer Short failed: no dashboard", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" Go     | going", StringComparison.Ordinal));
        Assert.Single(lines.Select(l => l.IndexOf(" | ", StringComparison.Ordinal)).Distinct());
        Assert.Single(LogLine.FileLines(result.LogFile).Select(l => l.IndexOf(" | ", StringComparison.Ordinal)).Distinct());
    }

    /// <summary>Logs with properties named like the engine's own: none of them may take the line's target name over.</summary>
    private sealed class Namesake : DeployBuild
    {
        Target Deploy => _ => _.Executes(() =>
        {
            Log.Information("Deploying {Target} now", "production");
            Log.Information("Also {DeployTarget} and {Deploy_Target}", "staging", "qa");
            Log.Information("Dotted {Deploy.Target}", "intruder");
            Log.Information("Formatted {Deploy:Target}", "intruder");
            Log.ForContext("Target", "elsewhere").Information("with a Target property of its own");
        });
    }

    [Fact]
    public async Task A_users_Target_property_does_not_replace_the_lines_target_name()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Namesake(), ["Deploy"]);

        RunAssert.ExitCode(0, result);
        string[] expected = ["Deploying production now", "Also staging and qa", "Dotted intruder", "Formatted intruder", "with a Target property of its own"];
        var console = LogLine.ConsoleLines(result.Output).Select(LogLine.ParseConsole).OfType<LogLine>().ToList();
        Assert.Equal(expected.Select(text => ("Deploy", text)), console.Where(l => expected.Contains(l.Text)).Select(l => (l.Target, l.Text)));
        var file = LogLine.FileLines(result.LogFile).Select(LogLine.ParseFile).OfType<LogLine>().ToList();
        Assert.Equal(expected.Select(text => ("Deploy", text)), file.Where(l => expected.Contains(l.Text)).Select(l => (l.Target, l.Text)));
    }
}
