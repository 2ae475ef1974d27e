using Deploy.Build.Processes;
using Deploy.Build.Records;
using Serilog;

namespace Deploy.GitHub.Webhooks;

/// <summary>
/// Runs the pipeline as a child process of the build itself: <c>dotnet build.dll &lt;default targets&gt; --ref SHA
/// [--repository URL] --root ROOT</c>. Each run's console output and a copy of its run record go to
/// <c>.nuke/temp/webhook/&lt;id&gt;-&lt;commit&gt;/</c> (runs take turns, so the shared run.json is theirs while they run).
/// The child's environment is the server build's <paramref name="environment"/> with the command's changes.
/// </summary>
internal sealed class ChildProcessRunner(ChildCommand command, string root, IReadOnlyDictionary<string, string> environment, ILogger log, TimeProvider time) : IPipelineRunner
{
    /// <summary>How long a cancelled child gets to end after SIGTERM before it is killed.</summary>
    public static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(30);

    public async Task<PipelineOutcome> RunAsync(PipelineRequest request, CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(root, ".nuke", "temp", "webhook", $"{request.Id}-{request.Commit[..12]}");
        Directory.CreateDirectory(directory);
        var record = Path.Combine(root, ".nuke", "temp", "run.json");
        File.Delete(record);

        var changes = command.RemoveEnvironment.ToDictionary(name => name, string? (_) => null, StringComparer.Ordinal);
        foreach (var (name, value) in command.Environment)
        {
            changes[name] = value;
        }

        var arguments = new List<string>(command.Leading) { "--ref", request.Commit };
        if (command.PassRepository && request.CloneUrl is { } url)
        {
            arguments.AddRange(["--repository", url]);
        }

        arguments.AddRange(["--root", root, .. command.Trailing]);
        var start = new ProcessRequest(command.Program, arguments)
        {
            WorkingDirectory = root,
            Environment = environment,
            EnvironmentChanges = changes,
            StopGrace = KillAfter,
        };

        var exitCode = await RunProcessAsync(start, Path.Combine(directory, "output.log"), cancellationToken).ConfigureAwait(false);
        string? copy = null;
        if (File.Exists(record))
        {
            copy = Path.Combine(directory, "run.json");
            File.Copy(record, copy, overwrite: true);
        }

        var recorded = copy is null ? null : await ReadAsync(copy).ConfigureAwait(false);
        var stages = recorded?.Targets.Select(t => new StageTiming(t.Name, t.Status.ToString(), t.Duration.TotalSeconds)).ToList() ?? [];
        return new PipelineOutcome(recorded?.Result.ToString() ?? RunStates.FromExitCode(exitCode), exitCode, stages, copy);
    }

    private async Task<int> RunProcessAsync(ProcessRequest start, string logPath, CancellationToken cancellationToken)
    {
        var output = new StreamWriter(logPath) { AutoFlush = true };
        await using (output.ConfigureAwait(false))
        {
            var gate = new Lock();
            void Write(string line)
            {
                lock (gate)
                {
                    output.WriteLine(line);
                }
            }

            var process = new ProcessRunner(time).Start(start with { Output = Write, Error = Write });
            await using (process.ConfigureAwait(false))
            {
                try
                {
                    return (await process.Exited.WaitAsync(cancellationToken).ConfigureAwait(false)).ExitCode;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The build then cancels its targets and writes its run record, which tells how the run ended.
                    log.Warning("Cancelling the pipeline (process {Pid}): SIGTERM, and a kill after {KillAfter}", process.Id, KillAfter);
                    return (await process.StopAsync().ConfigureAwait(false)).ExitCode;
                }
            }
        }
    }

    /// <summary>The run's record; null when it cannot be read (the run then ends as its exit code says).</summary>
    private static async Task<RecordedRun?> ReadAsync(string path)
    {
        try
        {
            // Read even when the run was cancelled: the record says how far it got.
            return await RecordedRun.ReadAsync(path, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
