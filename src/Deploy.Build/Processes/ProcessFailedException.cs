namespace Deploy.Build;

/// <summary>A child process exited with a non-zero code. The message holds its last lines of output.</summary>
public sealed class ProcessFailedException(string command, int exitCode, IReadOnlyList<string> lastLines)
    : DeployException($"'{command}' exited with code {exitCode}." + (lastLines.Count == 0 ? "" : " Last output:\n" + string.Join('\n', lastLines)))
{
    /// <summary>The program and its arguments, as shown in the log.</summary>
    public string Command { get; } = command;

    /// <summary>The process's exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
