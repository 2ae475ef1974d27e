namespace Deploy.Build.Processes;

/// <summary>
/// The one way Deploy starts child processes (the engine, the integrations and their tests): each output line is
/// handed on as it comes and the last ones kept for the error; stopping one sends SIGTERM, waits its
/// <see cref="ProcessRequest.StopGrace"/> on <paramref name="time"/>, then kills its whole tree. Built on
/// <see cref="System.Diagnostics.Process"/> rather than CliWrap: the child's environment must be the build's alone
/// (CliWrap always starts from this process's), and a stopped process's exit code must survive (CliWrap throws instead).
/// </summary>
/// <param name="time">The clock the stop grace is waited on: the run's, so tests are instant.</param>
public sealed class ProcessRunner(TimeProvider time)
{
    /// <summary>
    /// Runs the program to its end and returns how it ended, whatever its exit code (see <see cref="ProcessResult.ThrowIfFailed"/>).
    /// Cancelling stops it (<see cref="ProcessRequest.StopGrace"/>, then its tree is killed) and throws an
    /// <see cref="OperationCanceledException"/> carrying <paramref name="cancellationToken"/>.
    /// </summary>
    /// <exception cref="DeployException">The program could not be started (not installed, not executable).</exception>
    public async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var process = Start(request);
        await using (process.ConfigureAwait(false))
        {
            try
            {
                return await process.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
            {
                var stopped = await process.StopAsync().ConfigureAwait(false);
                throw new OperationCanceledException($"'{request}' was cancelled and stopped (exit code {stopped.ExitCode}).", exception, cancellationToken);
            }
        }
    }

    /// <summary>Starts the program and returns at once; it runs until it exits or is stopped (disposing it stops it).</summary>
    /// <exception cref="DeployException">The program could not be started (not installed, not executable).</exception>
    public RunningProcess Start(ProcessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunningProcess.Start(request, time);
    }

    /// <summary>
    /// Where <paramref name="program"/> is on the PATH of <paramref name="environment"/>, as a shell looks it up; null
    /// when it is on none of them. A name with a directory in it is returned as it is when that file exists.
    /// </summary>
    public static string? FindOnPath(string program, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(environment);
        if (program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || program.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        foreach (var directory in environment.GetValueOrDefault("PATH", "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".exe"))
            {
                return candidate + ".exe";
            }
        }

        return null;
    }
}
