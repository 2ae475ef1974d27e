using System.Diagnostics;
using System.Text;

namespace Deploy.Testing;

/// <summary>
/// A real Prometheus Pushgateway (Debian's <c>prometheus-pushgateway</c>) on 127.0.0.1 and a free port,
/// keeping metrics in memory only. Killed on dispose. The tests need it installed: <c>./test.sh</c> installs
/// it, and a missing binary fails the test with what to run (it is never skipped silently).
/// </summary>
public sealed class PushgatewayServer : IAsyncDisposable
{
    /// <summary>The Debian package and the program it installs.</summary>
    public const string Package = "prometheus-pushgateway";

    private const int Attempts = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly HttpClient _http;

    private PushgatewayServer(Process process, StringBuilder output, Uri url, HttpClient http)
    {
        _process = process;
        _output = output;
        Url = url;
        _http = http;
    }

    /// <summary>The gateway's base URL, e.g. http://127.0.0.1:41234.</summary>
    public Uri Url { get; }

    /// <summary>What the gateway logged so far (for failure messages).</summary>
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

    /// <summary>Starts a gateway and waits until it answers <c>/-/ready</c>.</summary>
    /// <exception cref="InvalidOperationException">The program is not installed, or it would not start; the message says why.</exception>
    public static async Task<PushgatewayServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var program = FindProgram() ?? throw new InvalidOperationException(
            $"The Pushgateway program '{Package}' is not installed (it is not on PATH). The Prometheus tests need a real one: " +
            $"install it with `sudo apt-get install -y {Package}`, or run ./test.sh, which installs it.");

        var failures = new List<string>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // A port taken between FreePort.Next() and the gateway's bind makes the gateway exit: try another one.
            var port = FreePort.Next();
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var (process, output) = Start(program, port);
            var server = new PushgatewayServer(process, output, new Uri($"http://127.0.0.1:{port}"), http);
            try
            {
                if (await server.WaitUntilReadyAsync(cancellationToken))
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

        throw new InvalidOperationException($"{Package} did not start ({string.Join("; ", failures)}).");
    }

    /// <summary>The samples of one job's group (its <c>job</c> label), from a scrape of <c>/metrics</c>.</summary>
    public async Task<IReadOnlyList<PrometheusSample>> ScrapeJobAsync(string job, CancellationToken cancellationToken = default) =>
        (await ScrapeAsync(cancellationToken)).Where(s => s["job"] == job).ToList();

    /// <summary>Everything <c>/metrics</c> shows, the gateway's own metrics included.</summary>
    public async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(CancellationToken cancellationToken = default) =>
        PrometheusText.Parse(await _http.GetStringAsync(new Uri(Url, "/metrics"), cancellationToken));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (InvalidOperationException)
        {
            // It was never started.
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
        }
    }

    private static (Process Process, StringBuilder Output) Start(string program, int port)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");

        // Empty: metrics live in memory only (Debian's default is a file under /var/lib).
        start.ArgumentList.Add("--persistence.file=");
        start.ArgumentList.Add("--log.level=info");

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    /// <summary>Polls <c>/-/ready</c> until it answers 200 (true), the process exits (false), or the deadline passes.</summary>
    private async Task<bool> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var ready = new Uri(Url, "/-/ready");
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!_process.HasExited)
        {
            try
            {
                using var response = await _http.GetAsync(ready, cancellationToken);
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
                throw new InvalidOperationException($"{Package} on {Url} was not ready within {ReadyTimeout.TotalSeconds:0} s. Its output: {Output.Trim()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        await _process.WaitForExitAsync(cancellationToken);
        return false;
    }

    private static string? FindProgram()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, Package))
            .FirstOrDefault(File.Exists);
    }
}
