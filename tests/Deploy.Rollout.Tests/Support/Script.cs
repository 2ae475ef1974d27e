using System.Diagnostics;

namespace Deploy.Rollout.Tests.Support;

/// <summary>Runs a program (build.sh, git) as a user would, in CI mode (plain output), with a deadline.</summary>
internal static class Script
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    /// <summary>The exit code and everything it printed (stdout, then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, string directory)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CI"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran for {Deadline.TotalMinutes} minutes:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Runs it and fails the test unless it exits 0; returns what it printed.</summary>
    public static async Task<string> RunToSuccessAsync(string program, IReadOnlyList<string> arguments, string directory)
    {
        var (exitCode, output) = await RunAsync(program, arguments, directory);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        return output;
    }
}
