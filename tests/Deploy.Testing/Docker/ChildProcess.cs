using System.Diagnostics;
using System.Text;

namespace Deploy.Testing.Docker;

/// <summary>A service process a fixture starts (dockerd, docker-registry, a test's own server), its output kept for failure messages.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ChildProcess Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var child = new ChildProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += child.Append;
        child._process.ErrorDataReceived += child.Append;
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Asks the process to stop (SIGTERM) and waits up to <paramref name="grace"/>; kills its tree after that.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        // SIGTERM lets dockerd stop its containers, containerd and unmount what it mounted under the temp dir.
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            if (term is not null)
            {
                await term.WaitForExitAsync();
            }
        }

        using var wait = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(20));
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        finally
        {
            _process.Dispose();
        }
    }

    internal static string? FindProgram(params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Path.IsPathRooted(candidate))
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                continue;
            }

            var path = Environment.GetEnvironmentVariable("PATH") ?? "";
            var found = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, candidate))
                .FirstOrDefault(File.Exists);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private void Append(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is { } line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
