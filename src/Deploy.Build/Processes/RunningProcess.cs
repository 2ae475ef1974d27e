using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Deploy.Build.Processes;

/// <summary>A child process <see cref="ProcessRunner.Start"/> started: its id, its end, and a way to stop it.</summary>
public sealed partial class RunningProcess : IAsyncDisposable
{
    private const int KeptLines = 20;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly ProcessRequest _request;
    private readonly TimeProvider _time;
    private readonly Queue<string> _last = new();

    private RunningProcess(Process process, ProcessRequest request, TimeProvider time)
    {
        _process = process;
        _request = request;
        _time = time;
        Id = process.Id;
        Exited = WaitAsync();
    }

    /// <summary>The process id.</summary>
    public int Id { get; }

    /// <summary>Completes when the process has exited and its output has been read to the end.</summary>
    public Task<ProcessResult> Exited { get; }

    /// <summary>Whether <see cref="Exited"/> has completed.</summary>
    public bool HasExited => Exited.IsCompleted;

    /// <summary>Its last lines of output so far, stdout and stderr in the order they came.</summary>
    public IReadOnlyList<string> LastLines
    {
        get
        {
            lock (_last)
            {
                return [.. _last];
            }
        }
    }

    /// <summary>
    /// Stops the process, unless it has ended: SIGTERM, then its whole tree is killed when it has not ended within
    /// <paramref name="grace"/> (default: <see cref="ProcessRequest.StopGrace"/>; zero: killed at once).
    /// </summary>
    public async Task<ProcessResult> StopAsync(TimeSpan? grace = null)
    {
        var wait = grace ?? _request.StopGrace;
        if (!HasExited && wait > TimeSpan.Zero && Terminate())
        {
            try
            {
                return await Exited.WaitAsync(wait, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // It did not end in time: the kill below.
            }
        }

        Kill();
        return await Exited.ConfigureAwait(false);
    }

    /// <summary>Stops the process (see <see cref="StopAsync"/>) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    internal static RunningProcess Start(ProcessRequest request, TimeProvider time)
    {
        var environment = Environment(request);

        // This is the one process runner: every other child process in src/ starts through it (RS0030 bans the rest).
#pragma warning disable RS0030
        var start = new ProcessStartInfo(ProcessRunner.FindOnPath(request.Program, environment) ?? request.Program)
        {
            WorkingDirectory = request.WorkingDirectory ?? "",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in request.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
#pragma warning restore RS0030
        catch (Win32Exception exception)
        {
            process.Dispose();
            throw new DeployException($"Could not start '{request.Program}' ({exception.Message}). Is it installed and on PATH?", exception);
        }

        return new RunningProcess(process, request, time);
    }

    /// <summary>
    /// The base, then the W3C trace context of <see cref="Activity.Current"/> (the running target's span) as the
    /// variables tools that trace themselves read (https://www.w3.org/TR/trace-context/#traceparent-header), then the changes.
    /// </summary>
    private static Dictionary<string, string> Environment(ProcessRequest request)
    {
        var environment = new Dictionary<string, string>(request.Environment, StringComparer.Ordinal);
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent } activity)
        {
            environment["TRACEPARENT"] = traceParent;
            if (activity.TraceStateString is { Length: > 0 } traceState)
            {
                environment["TRACESTATE"] = traceState;
            }
        }

        foreach (var (name, value) in request.EnvironmentChanges)
        {
            if (value is null)
            {
                environment.Remove(name);
            }
            else
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    private async Task<ProcessResult> WaitAsync()
    {
        var input = WriteInputAsync();
        var output = PumpAsync(_process.StandardOutput, _request.Output);
        var error = PumpAsync(_process.StandardError, _request.Error);
        await _process.WaitForExitAsync().ConfigureAwait(false);
        await Task.WhenAll(input, output, error).ConfigureAwait(false);
        return new ProcessResult(_request.ToString(), _process.ExitCode, LastLines);
    }

    /// <summary>The input, if any, then end-of-file: a child never waits for the build's own terminal.</summary>
    private async Task WriteInputAsync()
    {
        var stdin = _process.StandardInput;
        try
        {
            if (_request.StandardInput is { } input)
            {
                await stdin.WriteAsync(input).ConfigureAwait(false);
            }

            stdin.Close();
        }
        catch (IOException)
        {
            // The program exited without reading it all (a broken pipe): not ours to fail on.
        }
    }

    private async Task PumpAsync(StreamReader reader, Action<string>? onLine)
    {
        // Off the caller's context: a line handler must not run inline with Start.
        await Task.Yield();
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_last)
            {
                _last.Enqueue(line);
                if (_last.Count > KeptLines)
                {
                    _last.Dequeue();
                }
            }

            onLine?.Invoke(line);
        }
    }

    /// <summary>SIGTERM to the process itself (a build then cancels its targets and writes its run record); false where there are no signals.</summary>
    private bool Terminate() => !OperatingSystem.IsWindows() && SendSignal(Id, SigTerm) == 0;

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
