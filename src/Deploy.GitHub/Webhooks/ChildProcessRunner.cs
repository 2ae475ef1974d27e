using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Deploy.Build;
using Serilog;

namespace Deploy.GitHub.Webhooks;

/// <summary>
/// Runs the pipeline as a child process of the build itself: <c>dotnet build.dll &lt;default targets&gt; --ref SHA
/// [--repository URL] --root ROOT</c>. Each run's console output and a copy of its run record go to
/// <c>.nuke/temp/webhook/&lt;id&gt;-&lt;commit&gt;/</c> (runs take turns, so the shared run.json is theirs while they run).
/// </summary>
internal sealed partial class ChildProcessRunner(ChildCommand command, string root, ILogger log, TimeProvider time) : IPipelineRunner
{
    /// <summary>How long a cancelled child gets to end after SIGTERM before it is killed.</summary>
    public static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(30);

    public async Task<PipelineOutcome> RunAsync(PipelineRequest request, CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(root, ".nuke", "temp", "webhook", $"{request.Id}-{request.Commit[..12]}");
        Directory.CreateDirectory(directory);
        var record = Path.Combine(root, ".nuke", "temp", "run.json");
        File.Delete(record);

        var start = new ProcessStartInfo(command.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var argument in command.Leading)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--ref");
        start.ArgumentList.Add(request.Commit);
        if (command.PassRepository && request.CloneUrl is { } url)
        {
            start.ArgumentList.Add("--repository");
            start.ArgumentList.Add(url);
        }

        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(root);
        foreach (var argument in command.Trailing)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in command.RemoveEnvironment)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        var exitCode = await RunProcessAsync(start, Path.Combine(directory, "output.log"), cancellationToken).ConfigureAwait(false);
        string? copy = null;
        if (File.Exists(record))
        {
            copy = Path.Combine(directory, "run.json");
            File.Copy(record, copy, overwrite: true);
        }

        var (result, stages) = copy is null ? (null, []) : Read(copy);
        result ??= exitCode switch { ExitCodes.Succeeded => RunStates.Succeeded, ExitCodes.Cancelled => RunStates.Cancelled, _ => RunStates.Failed };
        return new PipelineOutcome(result, exitCode, stages, copy);
    }

    private async Task<int> RunProcessAsync(ProcessStartInfo start, string logPath, CancellationToken cancellationToken)
    {
        await using var output = new StreamWriter(logPath) { AutoFlush = true };
        var gate = new Lock();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            log.Warning("Cancelling the pipeline (process {Pid}): SIGTERM, and a kill after {KillAfter}", process.Id, KillAfter);
            Terminate(process);
            using var limit = new CancellationTokenSource(KillAfter, time);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        return process.ExitCode;

        void Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    output.WriteLine(line);
                }
            }
        }
    }

    /// <summary>SIGTERM where there are signals (the build then cancels its targets and writes its run record); a kill elsewhere.</summary>
    private static void Terminate(Process process)
    {
        if (OperatingSystem.IsWindows() || SendSignal(process.Id, 15) != 0)
        {
            process.Kill(entireProcessTree: true);
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

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
