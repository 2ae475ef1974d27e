using Deploy.Build.Processes;

namespace Deploy.Build;

/// <summary>Runs child processes for a build: output streamed line by line into the target's log.</summary>
public static class ProcessExtensions
{
    /// <summary>
    /// Runs a program to completion. Each output line is logged under the running target's name; a non-zero
    /// exit throws <see cref="ProcessFailedException"/> with the last lines; cancelling kills the whole
    /// process tree and throws <see cref="OperationCanceledException"/> for <paramref name="cancellationToken"/>.
    /// </summary>
    /// <param name="build">The build whose log, clock, environment and root directory are used.</param>
    /// <param name="fileName">The program, e.g. <c>dotnet</c>, looked up on the build's PATH.</param>
    /// <param name="arguments">Its arguments, passed without a shell (no quoting needed).</param>
    /// <param name="workingDirectory">Defaults to the build's root directory.</param>
    /// <param name="environment">
    /// Variables set (or, with a null value, removed) for the child only, on top of the build's
    /// <see cref="IDeployBuild.EnvironmentVariables"/> (the child inherits nothing else). The child also gets
    /// <c>TRACEPARENT</c> (and <c>TRACESTATE</c>) of the current span, the running target's, unless given here.
    /// </param>
    /// <param name="output">Gets each stdout line instead of the log (e.g. to write it to a file); stderr is still logged.</param>
    /// <param name="cancellationToken">Kills the process tree when cancelled.</param>
    public static async Task RunProcessAsync(
        this IDeployBuild build,
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        Action<string>? output = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        var log = build.Log;
        var request = new ProcessRequest(fileName, [.. arguments])
        {
            WorkingDirectory = workingDirectory ?? build.RootDirectory,
            Environment = build.EnvironmentVariables,
            EnvironmentChanges = environment ?? new Dictionary<string, string?>(),
            Output = output ?? (line => log.Information("{Line}", line)),
            Error = line => log.Information("{Line}", line),
        };
        log.Information("> {Command}", request);
        var result = await new ProcessRunner(build.Time).RunAsync(request, cancellationToken).ConfigureAwait(false);
        result.ThrowIfFailed();
    }
}
