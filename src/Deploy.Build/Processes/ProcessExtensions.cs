using System.Diagnostics;

namespace Deploy.Build;

/// <summary>Runs child processes for a build: output streamed line by line into the target's log.</summary>
public static class ProcessExtensions
{
    private const int KeptLines = 20;

    /// <summary>
    /// Runs a program to completion. Each output line is logged under the running target's name; a non-zero
    /// exit throws <see cref="ProcessFailedException"/> with the last lines; cancelling kills the whole
    /// process tree and throws <see cref="OperationCanceledException"/> for <paramref name="cancellationToken"/>.
    /// </summary>
    /// <param name="build">The build whose log and root directory are used.</param>
    /// <param name="fileName">The program, e.g. <c>dotnet</c>.</param>
    /// <param name="arguments">Its arguments, passed without a shell (no quoting needed).</param>
    /// <param name="workingDirectory">Defaults to the build's root directory.</param>
    /// <param name="environment">
    /// Variables set (or, with a null value, removed) for the child only, on top of this process's. The child also
    /// gets <c>TRACEPARENT</c> (and <c>TRACESTATE</c>) of the current span, the running target's, unless given here.
    /// </param>
    /// <param name="cancellationToken">Kills the process tree when cancelled.</param>
    public static async Task RunProcessAsync(
        this IDeployBuild build,
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? build.RootDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        PropagateTraceContext(start);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var command = string.Join(' ', new[] { fileName }.Concat(start.ArgumentList));
        var last = new Queue<string>();
        void Keep(string line)
        {
            lock (last)
            {
                last.Enqueue(line);
                if (last.Count > KeptLines)
                {
                    last.Dequeue();
                }
            }
        }

        build.Log.Information("> {Command}", command);
        using var process = Start(start);
        var output = PumpAsync(process.StandardOutput, line =>
        {
            Keep(line);
            build.Log.Information("{Line}", line);
        });
        var errors = PumpAsync(process.StandardError, line =>
        {
            Keep(line);
            build.Log.Information("{Line}", line);
        });

        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await Task.WhenAll(output, errors).ConfigureAwait(false);
        }

        if (process.ExitCode != 0)
        {
            throw new ProcessFailedException(command, process.ExitCode, last.ToList());
        }
    }

    /// <summary>
    /// The W3C trace context of <see cref="Activity.Current"/> as the environment variables tools that trace
    /// themselves read, so their spans nest under the target's (https://www.w3.org/TR/trace-context/#traceparent-header).
    /// </summary>
    private static void PropagateTraceContext(ProcessStartInfo start)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent } activity)
        {
            start.Environment["TRACEPARENT"] = traceParent;
            if (activity.TraceStateString is { Length: > 0 } traceState)
            {
                start.Environment["TRACESTATE"] = traceState;
            }
        }
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new DeployException($"Could not start '{start.FileName}'.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new DeployException($"Could not start '{start.FileName}' ({exception.Message}). Is it installed and on PATH?", exception);
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine(line);
        }
    }
}
