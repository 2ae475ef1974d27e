using System.Text.RegularExpressions;
using Deploy.Build.Tests.Execution;

namespace Deploy.Build.Tests.Output;

/// <summary>What a whole parallel run prints: a live view on a terminal, plain lines everywhere else.</summary>
public sealed class ProgressOutputTests
{
    /// <summary>Alpha and Beta log many lines at the same time (each waits until the other has started); Gamma follows both.</summary>
    private sealed class Concurrent : DeployBuild
    {
        public const int Lines = 100;
        private readonly Gate _alphaStarted = new();
        private readonly Gate _betaStarted = new();

        Target Alpha => _ => _.Executes(ct => TalkAsync("Alpha", _alphaStarted, _betaStarted, ct));
        Target Beta => _ => _.Executes(ct => TalkAsync("Beta", _betaStarted, _alphaStarted, ct));
        Target Gamma => _ => _.DependsOn(Alpha, Beta).Executes(() => Log.Information("Gamma done"));

        private async Task TalkAsync(string name, Gate mine, Gate other, CancellationToken cancellationToken)
        {
            mine.Open();
            await other.WaitAsync(cancellationToken);
            for (var i = 0; i < Lines; i++)
            {
                Log.Information("{Name} line {Number}", name, i);
                if (i % 10 == 0)
                {
                    await Task.Yield();
                }
            }
        }
    }

    private static BuildDriver OnATerminal()
    {
        var driver = new BuildDriver { Terminal = true };
        driver.Environment["TERM"] = "xterm-256color";
        return driver;
    }

    [Fact]
    public async Task On_a_terminal_a_parallel_build_draws_the_live_view_and_each_target_leaves_one_final_line()
    {
        using var driver = OnATerminal();

        var result = await driver.RunAsync(new Concurrent(), ["Gamma"]);

        RunAssert.ExitCode(0, result);
        Assert.Contains("\u001b[", result.Output, StringComparison.Ordinal);
        var screen = TerminalScreen.Render(result.Output);
        foreach (var name in new[] { "Alpha", "Beta", "Gamma" })
        {
            Assert.Single(screen, l => Regex.IsMatch(l, $@"^(✔|\+) {name} +succeeded in \d:\d\d\.\d\d$"));
            Assert.DoesNotContain(screen, l => l.Contains($"| {name} succeeded in", StringComparison.Ordinal));
        }

        foreach (var name in new[] { "Alpha", "Beta" })
        {
            var talk = screen.Where(l => l.Contains($"| {name} line ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf('|', StringComparison.Ordinal) + 2)..]);
            Assert.Equal(Enumerable.Range(0, Concurrent.Lines).Select(i => $"{name} line {i}"), talk);
        }

        Assert.DoesNotContain(screen, l => l.Contains(" running, ", StringComparison.Ordinal));
        Assert.Equal("Build succeeded.", screen[^1]);
    }

    [Theory]
    [InlineData("CI=true")]
    [InlineData("--no-progress")]
    [InlineData("TERM=dumb")]
    [InlineData("no TERM")]
    [InlineData("redirected")]
    public async Task Without_an_interactive_terminal_a_parallel_build_prints_plain_lines_without_escape_codes(string why)
    {
        using var driver = OnATerminal();
        string[] args = why == "--no-progress" ? ["Gamma", "--no-progress"] : ["Gamma"];
        switch (why)
        {
            case "CI=true":
                driver.Environment["CI"] = "true";
                break;
            case "TERM=dumb":
                driver.Environment["TERM"] = "dumb";
                break;
            case "no TERM":
                driver.Environment.Remove("TERM");
                break;
            case "redirected":
                driver.Terminal = false;
                break;
        }

        var result = await driver.RunAsync(new Concurrent(), args);

        RunAssert.ExitCode(0, result);
        Assert.DoesNotContain('\u001b', result.Output);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("✔ ", StringComparison.Ordinal) || l.StartsWith("+ ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.EndsWith("| Alpha succeeded in", StringComparison.Ordinal) || l.Contains("| Alpha succeeded in ", StringComparison.Ordinal));
        var log = lines.TakeWhile(l => l.Length > 0).ToList();
        Assert.All(log, l => Assert.Matches(@"^\d\d:\d\d:\d\d (deploy|Alpha|Beta|Gamma) +\| ", l));
        Assert.Equal(Concurrent.Lines, log.Count(l => l.Contains("| Alpha line ", StringComparison.Ordinal)));
        Assert.Equal("Build succeeded.", lines[^1]);
    }
}
