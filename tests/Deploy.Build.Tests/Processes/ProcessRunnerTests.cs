using System.Collections.Concurrent;
using System.Globalization;
using Deploy.Build.Processes;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Processes;

/// <summary>The one process runner, with real child process trees (as SimpleExec and CliWrap test theirs).</summary>
public sealed class ProcessRunnerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Cancelling_kills_the_whole_tree_and_throws_for_the_callers_token()
    {
        var lines = new ConcurrentQueue<string>();
        using var cancel = new CancellationTokenSource();
        var request = Shell("sleep 600 & echo $!; sleep 600 & echo $!; echo $$; wait") with { Output = lines.Enqueue };

        var run = new ProcessRunner(TimeProvider.System).RunAsync(request, cancel.Token);
        await Poll.UntilAsync(() => lines.Count == 3, Deadline, "the shell and its two children to start");
        var pids = lines.Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        Assert.All(pids, pid => Assert.True(ProcessTree.IsRunning(pid), $"process {pid} is not running"));
        await cancel.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(cancel.Token, exception.CancellationToken);
        Assert.Empty(await ProcessTree.StillRunningAfterAsync(pids, Deadline));
    }

    [Fact]
    public async Task A_process_being_stopped_gets_SIGTERM_and_ends_within_its_grace()
    {
        var time = new FakeTimeProvider();
        var lines = new ConcurrentQueue<string>();
        var request = Shell("trap 'kill $!; echo stopping; exit 3' TERM; echo ready; sleep 600 & wait") with { Output = lines.Enqueue };
        await using var process = new ProcessRunner(time).Start(request);
        await Poll.UntilAsync(() => lines.Contains("ready"), Deadline, "the shell to set its trap");

        var result = await process.StopAsync(TimeSpan.FromSeconds(30)).WaitAsync(Deadline);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["ready", "stopping"], result.LastLines);
    }

    [Fact]
    public async Task A_process_that_ignores_SIGTERM_is_killed_with_its_tree_when_its_grace_is_over()
    {
        var time = new FakeTimeProvider();
        var lines = new ConcurrentQueue<string>();
        var request = Shell("trap 'echo ignored' TERM; echo $$; while true; do sleep 600 & echo $!; wait; done") with { Output = lines.Enqueue, StopGrace = TimeSpan.FromSeconds(30) };
        await using var process = new ProcessRunner(time).Start(request);
        await Poll.UntilAsync(() => lines.Count == 2, Deadline, "the shell and its child to start");

        var stopping = process.StopAsync();
        await Poll.UntilAsync(() => lines.Contains("ignored"), Deadline, "the shell to get SIGTERM");
        var pids = lines.Where(l => l != "ignored").Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        Assert.False(stopping.IsCompleted);
        Assert.True(ProcessTree.IsRunning(pids[0]));
        time.Advance(TimeSpan.FromSeconds(30));
        var result = await stopping.WaitAsync(Deadline);

        Assert.Equal(128 + 9, result.ExitCode);
        Assert.Empty(await ProcessTree.StillRunningAfterAsync(pids, Deadline));
    }

    [Fact]
    public async Task A_failure_names_the_command_the_exit_code_and_the_last_twenty_lines()
    {
        var result = await new ProcessRunner(TimeProvider.System).RunAsync(Shell("for i in $(seq 1 30); do echo line $i; done; exit 4"));

        var failure = Assert.Throws<ProcessFailedException>(() => result.ThrowIfFailed());
        Assert.Equal(4, failure.ExitCode);
        Assert.StartsWith("'sh -c for i in", failure.Message, StringComparison.Ordinal);
        Assert.Contains("' exited with code 4. Last output:\nline 11\n", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("line 30", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line 10\n", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_s_last_lines_include_what_it_wrote_to_stderr()
    {
        // One stream only: stdout and stderr are read concurrently, so their relative order is not defined.
        var result = await new ProcessRunner(TimeProvider.System).RunAsync(Shell("echo broken >&2; exit 3"));

        var failure = Assert.Throws<ProcessFailedException>(() => result.ThrowIfFailed());
        Assert.EndsWith("exited with code 3. Last output:\nbroken", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stdout_and_stderr_reach_the_caller_line_by_line()
    {
        var output = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();

        var result = await new ProcessRunner(TimeProvider.System).RunAsync(
            Shell("echo one; echo two >&2; printf 'three\\nfour'") with { Output = output.Enqueue, Error = errors.Enqueue });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["one", "three", "four"], output);
        Assert.Equal(["two"], errors);
    }

    [Fact]
    public async Task The_child_gets_the_given_environment_and_nothing_of_this_process()
    {
        Assert.True(TestEnvironment.Variables.ContainsKey("HOME"), "the test process has HOME, so its absence below means something");
        var output = new ConcurrentQueue<string>();
        var request = Shell("env") with
        {
            Environment = new Dictionary<string, string> { ["PATH"] = TestEnvironment.Variables["PATH"], ["KEPT"] = "base", ["REMOVED"] = "base" },
            EnvironmentChanges = new Dictionary<string, string?> { ["ADDED"] = "change", ["REMOVED"] = null },
            Output = output.Enqueue,
        };

        await new ProcessRunner(TimeProvider.System).RunAsync(request);

        Assert.Contains("KEPT=base", output);
        Assert.Contains("ADDED=change", output);
        Assert.DoesNotContain(output, l => l.StartsWith("REMOVED=", StringComparison.Ordinal) || l.StartsWith("HOME=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Input_reaches_stdin_which_then_ends()
    {
        var output = new ConcurrentQueue<string>();

        await new ProcessRunner(TimeProvider.System).RunAsync(Shell("read line; echo \"got $line\"; cat; echo end") with { StandardInput = "s3cret\n", Output = output.Enqueue });

        Assert.Equal(["got s3cret", "end"], output);
    }

    [Fact]
    public async Task A_program_that_is_not_on_the_path_is_reported_as_not_installed()
    {
        var failure = await Assert.ThrowsAsync<DeployException>(() => new ProcessRunner(TimeProvider.System).RunAsync(new ProcessRequest("deploy-no-such-program", [])
        {
            Environment = TestEnvironment.Variables,
        }));

        Assert.StartsWith("Could not start 'deploy-no-such-program' (", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("Is it installed and on PATH?", failure.Message, StringComparison.Ordinal);
    }

    private static ProcessRequest Shell(string script) => new("sh", ["-c", script]) { Environment = TestEnvironment.Variables };
}
