namespace Deploy.Build.Processes;

/// <summary>How a child process ended.</summary>
/// <param name="Command">The program and its arguments, as <see cref="ProcessRequest.ToString"/> shows them.</param>
/// <param name="ExitCode">Its exit code (a killed process's is the runtime's, e.g. 137 for SIGKILL).</param>
/// <param name="LastLines">Its last lines of output, stdout and stderr in the order they came.</param>
public sealed record ProcessResult(string Command, int ExitCode, IReadOnlyList<string> LastLines)
{
    /// <summary>Throws <see cref="ProcessFailedException"/> (exit code and last lines in the message) unless it exited 0.</summary>
    public ProcessResult ThrowIfFailed() => ExitCode == 0 ? this : throw new ProcessFailedException(Command, ExitCode, LastLines);
}
