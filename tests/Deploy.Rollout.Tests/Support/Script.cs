namespace Deploy.Rollout.Tests.Support;

/// <summary>Runs a program (build.sh, git) as a user would, in CI mode (plain output), with a deadline.</summary>
internal static class Script
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    /// <summary>The exit code and everything it printed (stdout, then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, string directory)
    {
        var result = await TestProcess.RunAsync(program, arguments, directory, new Dictionary<string, string?> { ["CI"] = "true" }, Deadline);
        return (result.ExitCode, result.Output + result.Error);
    }

    /// <summary>Runs it and fails the test unless it exits 0; returns what it printed.</summary>
    public static async Task<string> RunToSuccessAsync(string program, IReadOnlyList<string> arguments, string directory)
    {
        var (exitCode, output) = await RunAsync(program, arguments, directory);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        return output;
    }
}
