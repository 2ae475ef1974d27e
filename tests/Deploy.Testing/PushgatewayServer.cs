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

    private readonly ReadyService _service;

    private PushgatewayServer(ReadyService service) => _service = service;

    /// <summary>The gateway's base URL, e.g. http://127.0.0.1:41234.</summary>
    public Uri Url => _service.Url;

    /// <summary>What the gateway logged so far (for failure messages).</summary>
    public string Output => _service.Output;

    /// <summary>Starts a gateway and waits until it answers <c>/-/ready</c>.</summary>
    /// <exception cref="InvalidOperationException">The program is not installed, or it would not start; the message says why.</exception>
    public static async Task<PushgatewayServer> StartAsync(CancellationToken cancellationToken = default) =>
        new(await ReadyService.StartAsync(Package, Package, port =>
        [
            $"--web.listen-address=127.0.0.1:{port}",

            // Empty: metrics live in memory only (Debian's default is a file under /var/lib).
            "--persistence.file=",
            "--log.level=info",
        ], cancellationToken));

    /// <summary>The samples of one job's group (its <c>job</c> label), from a scrape of <c>/metrics</c>.</summary>
    public async Task<IReadOnlyList<PrometheusSample>> ScrapeJobAsync(string job, CancellationToken cancellationToken = default) =>
        (await ScrapeAsync(cancellationToken)).Where(s => s["job"] == job).ToList();

    /// <summary>Everything <c>/metrics</c> shows, the gateway's own metrics included.</summary>
    public async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(CancellationToken cancellationToken = default) =>
        PrometheusText.Parse(await _service.Http.GetStringAsync(new Uri(Url, "/metrics"), cancellationToken));

    public ValueTask DisposeAsync() => _service.DisposeAsync();
}
