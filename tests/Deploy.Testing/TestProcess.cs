using System.Text;
using Deploy.Build.Processes;

namespace Deploy.Testing;

/// <summary>
/// Runs a program for a test through the product's own <see cref="ProcessRunner"/> (on the real clock), with the test
/// process's environment as its base, a deadline past which it is killed, and its output captured.
/// </summary>
public static class TestProcess
{
    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(2);

    /// <summary>The runner tests start processes with.</summary>
    public static ProcessRunner Runner { get; } = new(TimeProvider.System);

    /// <summary>Runs <paramref name="program"/> to its end and returns its exit code and output, whatever they are.</summary>
    /// <param name="program">A path, or a name on the test process's PATH.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="directory">Where it runs; null: the test's current directory.</param>
    /// <param name="environment">Variables set (null: removed) on top of <paramref name="baseEnvironment"/>.</param>
    /// <param name="deadline">How long it may run (default 2 minutes); past it, it is killed and a <see cref="TimeoutException"/> says what it printed.</param>
    /// <param name="baseEnvironment">The environment it starts from; null: <see cref="TestEnvironment.Variables"/>.</param>
    /// <param name="input">Written to its stdin; null: stdin is closed at once.</param>
    /// <param name="cancellationToken">Stops (kills) it and throws <see cref="OperationCanceledException"/>.</param>
    public static async Task<ProcessOutput> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string? directory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? deadline = null,
        IReadOnlyDictionary<string, string>? baseEnvironment = null,
        string? input = null,
        CancellationToken cancellationToken = default)
    {
        var output = new StringBuilder();
        var error = new StringBuilder();
        var request = new ProcessRequest(program, [.. arguments])
        {
            WorkingDirectory = directory,
            Environment = baseEnvironment ?? TestEnvironment.Variables,
            EnvironmentChanges = environment ?? new Dictionary<string, string?>(),
            StandardInput = input,
            Output = line => Append(output, line),
            Error = line => Append(error, line),
        };
        var limit = deadline ?? DefaultDeadline;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            var result = await Runner.RunAsync(request, timeout.Token);
            return new ProcessOutput(result.ExitCode, Text(output), Text(error));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"`{request}` did not finish within {limit.TotalSeconds:0} s, so it was killed. Its output:\n{Text(output)}\n{Text(error)}");
        }
    }

    /// <summary>Runs it (see <see cref="RunAsync"/>) and returns its stdout, trimmed.</summary>
    /// <exception cref="InvalidOperationException">It exited non-zero; the message has the command and both outputs.</exception>
    public static async Task<string> RunToSuccessAsync(
        string program,
        IEnumerable<string> arguments,
        string? directory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? deadline = null,
        IReadOnlyDictionary<string, string>? baseEnvironment = null,
        string? input = null,
        CancellationToken cancellationToken = default)
    {
        var list = arguments.ToList();
        var result = await RunAsync(program, list, directory, environment, deadline, baseEnvironment, input, cancellationToken);
        return result.ExitCode == 0
            ? result.Output.Trim()
            : throw new InvalidOperationException($"`{string.Join(' ', [program, .. list])}` exited with {result.ExitCode}:\n{result.Output}\n{result.Error}");
    }

    private static void Append(StringBuilder text, string line)
    {
        lock (text)
        {
            text.Append(line).Append('\n');
        }
    }

    private static string Text(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
