using System.Text.Json;
using Deploy.Build.Processes;
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

        var (result, stages) = copy is null ? (null, []) : Read(copy);
        result ??= exitCode switch { 0 => "Succeeded", 130 => "Cancelled", _ => "Failed" };
        return new PipelineOutcome(result, exitCode, stages, copy);
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

    private static (string? Result, IReadOnlyList<StageTiming> Stages) Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var result = root.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var stages = root.TryGetProperty("targets", out var targets) && targets.ValueKind == JsonValueKind.Array
                ? targets.EnumerateArray().Select(t => new StageTiming(
                    t.GetProperty("name").GetString() ?? "",
                    t.GetProperty("status").GetString() ?? "",
                    t.TryGetProperty("durationSeconds", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null)).ToList()
                : [];
            return (result, stages);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            return (null, []);
        }
    }
}
