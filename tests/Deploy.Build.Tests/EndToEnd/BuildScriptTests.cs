using System.Diagnostics;

namespace Deploy.Build.Tests.EndToEnd;

/// <summary>./build.sh as a user runs it: a real process, a real compile, real signals.</summary>
public sealed class BuildScriptTests(ScratchBuild scratch) : IClassFixture<ScratchBuild>
{
    [Fact]
    public async Task The_script_compiles_once_runs_targets_and_reports_exit_codes()
    {
        var (first, firstOutput) = await scratch.RunAsync("Greet", "--name", "Ada Lovelace");
        Assert.True(first == 0, firstOutput);
        Assert.Contains("Greet", firstOutput, StringComparison.Ordinal);
        Assert.Contains("Hello Ada Lovelace", firstOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(scratch.Temp, "run.json")));

        // Nothing changed: no compile on the second run (the compiled build is not rewritten).
        var dll = scratch.Assembly;
        var compiledAt = File.GetLastWriteTimeUtc(dll);
        var (second, secondOutput) = await scratch.RunAsync("--help");
        Assert.Equal(0, second);
        Assert.DoesNotContain("Compiling", secondOutput, StringComparison.Ordinal);
        Assert.Contains("* Greet", secondOutput, StringComparison.Ordinal);
        Assert.Equal(compiledAt, File.GetLastWriteTimeUtc(dll));

        var (failed, failedOutput) = await scratch.RunAsync("Fail");
        Assert.Equal(1, failed);
        Assert.Contains("this target always fails", failedOutput, StringComparison.Ordinal);

        var (invalid, invalidOutput) = await scratch.RunAsync("Gret");
        Assert.Equal(2, invalid);
        Assert.Contains("Did you mean 'Greet'?", invalidOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stray_variable_in_the_process_environment_changes_nothing_and_DEPLOY_variables_are_honoured()
    {
        File.WriteAllText(Path.Combine(scratch.Root, ".nuke", "parameters.json"), """{ "ContainerName": "web" }""");
        try
        {
            var stray = new Dictionary<string, string?>
            {
                ["CONTAINER_NAME"] = "stray",
                ["WORKSPACE"] = "stray",
                ["NAMESPACE"] = "stray",
                ["REF"] = "stray",
                ["PROJECT"] = "stray",
            };
            using (var run = scratch.Start(stray, "Where"))
            {
                Assert.True(await run.WaitAsync(TimeSpan.FromMinutes(3)) == 0, run.Output);
                Assert.Contains("settings: web||||samples/hello-service", run.Output, StringComparison.Ordinal);
                Assert.Contains("container-name = web (from .nuke/parameters.json)", run.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("stray", run.Output, StringComparison.Ordinal);
            }

            using (var run = scratch.Start(new Dictionary<string, string?>(stray) { ["DEPLOY_CONTAINER_NAME"] = "api", ["DEPLOY_REF"] = "main" }, "Where"))
            {
                Assert.True(await run.WaitAsync(TimeSpan.FromMinutes(3)) == 0, run.Output);
                Assert.Contains("settings: api|||main|samples/hello-service", run.Output, StringComparison.Ordinal);
                Assert.Contains("container-name = api (from environment variable DEPLOY_CONTAINER_NAME)", run.Output, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(Path.Combine(scratch.Root, ".nuke", "parameters.json"));
        }
    }

    [Fact]
    public async Task On_a_real_terminal_the_live_view_is_drawn_and_every_target_leaves_its_final_line()
    {
        using var run = scratch.StartOnTerminal("Greet", "Fail", "--keep-going", "--parallel", "2");
        var exitCode = await run.WaitAsync(TimeSpan.FromMinutes(3));

        var output = run.Output;
        Assert.True(exitCode == 1, output);
        Assert.Contains("running, 0 of 2 done", output, StringComparison.Ordinal);
        Assert.Matches(@"\u001b\[\d+A\r\u001b\[J", output);
        var screen = Output.TerminalScreen.Render(output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Single(screen, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^(✔|\+) Greet +succeeded in \d:\d\d\.\d\d$"));
        Assert.Single(screen, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^(✘|x) Fail +failed in \d:\d\d\.\d\d: this target always fails$"));
        Assert.DoesNotContain(screen, l => l.Contains(" running, ", StringComparison.Ordinal));
        Assert.Equal("Build failed: Fail.", screen[^1]);
    }

    [Fact]
    public async Task SIGTERM_cancels_the_running_target_runs_assured_targets_and_exits_130()
    {
        // Compile first (shared with the other test through the class fixture's lock-protected stamp).
        var (help, helpOutput) = await scratch.RunAsync("--help");
        Assert.True(help == 0, helpOutput);

        using var run = scratch.Start("Wait", "Cleanup", "--parallel", "1");
        var waiting = Path.Combine(scratch.Temp, "waiting");
        await Poll.UntilAsync(() => File.Exists(waiting) || run.Process.HasExited, TimeSpan.FromMinutes(2), "the Wait target to start");
        Assert.True(File.Exists(waiting), "the Wait target never started:\n" + run.Output);

        await TestProcess.RunToSuccessAsync("kill", ["-TERM", run.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(130, await run.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal("True", File.ReadAllText(Path.Combine(scratch.Temp, "cancelled")));
        Assert.True(File.Exists(Path.Combine(scratch.Temp, "cleaned-up")), run.Output);
        Assert.Contains("\"result\": \"Cancelled\"", File.ReadAllText(Path.Combine(scratch.Temp, "run.json")), StringComparison.Ordinal);
    }
}
