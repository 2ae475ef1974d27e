using Deploy.Testing.Docker;

namespace Deploy.Testing;

/// <summary>
/// A Prometheus-family server (Pushgateway, Prometheus) started from its Debian package on 127.0.0.1 and a free
/// port, ready once <c>/-/ready</c> answers 200; killed on dispose. A missing program fails with what to install:
/// the tests that need it never skip silently.
/// </summary>
internal sealed class ReadyService : IAsyncDisposable
{
    private const int Attempts = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _process;

    private ReadyService(ChildProcess process, Uri url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>The server's base URL, e.g. http://127.0.0.1:41234.</summary>
    public Uri Url { get; }

    /// <summary>For requests to the server (a 5 s timeout each).</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>What the server logged so far (for failure messages).</summary>
    public string Output => _process.Output;

    /// <summary>Starts <paramref name="program"/> with the arguments for a port, retrying on another port if it exits.</summary>
    /// <param name="package">The Debian package that installs the program, named in the failure message.</param>
    /// <param name="program">The program's name on PATH.</param>
    /// <param name="arguments">Its arguments, given the port to listen on.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="InvalidOperationException">The program is not installed, or it would not start; the message says why.</exception>
    public static async Task<ReadyService> StartAsync(string package, string program, Func<int, IEnumerable<string>> arguments, CancellationToken cancellationToken = default)
    {
        var path = TestEnvironment.FindProgram(program) ?? throw new InvalidOperationException(
            $"The program '{program}' (Debian package {package}) is not installed (it is not on PATH). These tests need a real one: " +
            $"install it with `sudo apt-get install -y {package}`, or run ./test.sh, which installs it.");

        var failures = new List<string>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // A port taken between FreePort.Next() and the server's bind makes it exit: try another one.
            var port = FreePort.Next();
            var process = ChildProcess.Start(path, arguments(port));
            var server = new ReadyService(process, new Uri($"http://127.0.0.1:{port}"));
            try
            {
                if (await server.WaitUntilReadyAsync(program, cancellationToken))
                {
                    return server;
                }

                failures.Add($"port {port}: exited with {process.ExitCode}: {server.Output.Trim()}");
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }

            await server.DisposeAsync();
        }

        throw new InvalidOperationException($"{program} did not start ({string.Join("; ", failures)}).");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.DisposeAsync();
        }
        finally
        {
            Http.Dispose();
        }
    }

    /// <summary>Polls <c>/-/ready</c> until it answers 200 (true), the process exits (false), or the deadline passes.</summary>
    private async Task<bool> WaitUntilReadyAsync(string program, CancellationToken cancellationToken)
    {
        var ready = new Uri(Url, "/-/ready");
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!_process.HasExited)
        {
            try
            {
                using var response = await Http.GetAsync(ready, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"{program} on {Url} was not ready within {ReadyTimeout.TotalSeconds:0} s. Its output: {Output.Trim()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        await _process.WaitForExitAsync(cancellationToken);
        return false;
    }
}
