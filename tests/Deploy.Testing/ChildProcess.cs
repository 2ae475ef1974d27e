using System.Text;
using Deploy.Build.Processes;

namespace Deploy.Testing;

/// <summary>
/// A service process a fixture starts (dockerd, docker-registry, a test's own server) through the product's
/// <see cref="ProcessRunner"/>, its output kept for failure messages. Disposing it stops it: SIGTERM, then a kill.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(20);

    private readonly RunningProcess _process;
    private readonly StringBuilder _output;

    private ChildProcess(RunningProcess process, StringBuilder output)
    {
        _process = process;
        _output = output;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Its exit code, once it has exited.</summary>
    public int ExitCode => _process.HasExited ? _process.Exited.Result.ExitCode : throw new InvalidOperationException($"Process {Id} is still running.");

    /// <summary>What it printed so far, stdout and stderr.</summary>
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

    /// <summary>Starts <paramref name="program"/> with the test process's environment plus <paramref name="environment"/>.</summary>
    /// <param name="program">A path, or a name on the test process's PATH.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Variables set (null: removed) on top of the test process's.</param>
    /// <param name="directory">Where it runs; null: the test's current directory.</param>
    public static ChildProcess Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? directory = null)
    {
        var output = new StringBuilder();
        void Append(string line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }

        var process = TestProcess.Runner.Start(new ProcessRequest(program, [.. arguments])
        {
            WorkingDirectory = directory,
            Environment = TestEnvironment.Variables,
            EnvironmentChanges = environment ?? new Dictionary<string, string?>(),
            Output = Append,
            Error = Append,
            StopGrace = DisposeGrace,
        });
        return new ChildProcess(process, output);
    }

    /// <summary>Waits until it has exited (and its output has been read).</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken = default) => await _process.Exited.WaitAsync(cancellationToken);

    /// <summary>Asks the process to stop (SIGTERM, which lets dockerd stop its containers and unmount what it mounted) and waits up to <paramref name="grace"/>; kills its tree after that.</summary>
    public Task StopAsync(TimeSpan grace) => _process.StopAsync(grace);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
