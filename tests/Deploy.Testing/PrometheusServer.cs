using System.Globalization;
using System.Text.Json;

namespace Deploy.Testing;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c>) on 127.0.0.1 and a free port, with its own configuration and
/// storage in a temp directory (both deleted on dispose), scraping the given targets every
/// <see cref="ScrapeInterval"/> with <c>honor_labels: true</c>, as a Pushgateway must be scraped. A missing binary
/// fails the test with what to install (it is never skipped silently).
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>The Debian package and the program it installs.</summary>
    public const string Package = "prometheus";

    /// <summary>The scrape job's name.</summary>
    public const string ScrapeJob = "pushgateway";

    private readonly ReadyService _service;
    private readonly string _directory;

    private PrometheusServer(ReadyService service, string directory, TimeSpan interval)
    {
        _service = service;
        _directory = directory;
        ScrapeInterval = interval;
    }

    /// <summary>Prometheus's base URL, e.g. http://127.0.0.1:41234.</summary>
    public Uri Url => _service.Url;

    public TimeSpan ScrapeInterval { get; }

    /// <summary>What Prometheus logged so far (for failure messages).</summary>
    public string Output => _service.Output;

    /// <summary>Starts Prometheus scraping <paramref name="target"/>'s <c>/metrics</c> and waits until it is ready.</summary>
    /// <exception cref="InvalidOperationException">The program is not installed, or it would not start; the message says why.</exception>
    public static async Task<PrometheusServer> StartAsync(Uri target, TimeSpan? scrapeInterval = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var interval = scrapeInterval ?? TimeSpan.FromSeconds(1);
        var directory = Path.Combine(Path.GetTempPath(), "deploy-prometheus-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "prometheus.yml");
        // Prometheus's durations have no fractions: 500ms, not 0.5s.
        var duration = interval.Ticks % TimeSpan.TicksPerSecond == 0
            ? ((long)interval.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
            : ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

        // honor_labels: the pushed job and grouping labels stay as pushed, instead of becoming exported_job etc.
        // (https://github.com/prometheus/pushgateway#about-the-job-and-instance-labels).
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: {duration}
              evaluation_interval: {duration}
            scrape_configs:
              - job_name: {ScrapeJob}
                honor_labels: true
                static_configs:
                  - targets: ['{target.Authority}']
            """, cancellationToken);
        try
        {
            var service = await ReadyService.StartAsync(Package, Package, port =>
            [
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--log.level=warn",
            ], cancellationToken);
            return new PrometheusServer(service, directory, interval);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Evaluates an instant query through the HTTP API (<c>/api/v1/query</c>): the samples of a vector (named by
    /// <c>__name__</c> when the series has one), or one unnamed sample for a scalar.
    /// </summary>
    /// <exception cref="InvalidOperationException">Prometheus refused the query; its error is in the message.</exception>
    public async Task<IReadOnlyList<PrometheusSample>> QueryAsync(string promql, CancellationToken cancellationToken = default)
    {
        var url = new Uri(Url, "/api/v1/query?query=" + Uri.EscapeDataString(promql));
        using var response = await _service.Http.GetAsync(url, cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = json.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused '{promql}': {root.GetProperty("error").GetString()}");
        }

        var data = root.GetProperty("data");
        return data.GetProperty("resultType").GetString() switch
        {
            "vector" => data.GetProperty("result").EnumerateArray().Select(Sample).ToList(),
            "scalar" => [new PrometheusSample("", new Dictionary<string, string>(), Value(data.GetProperty("result")))],
            var type => throw new InvalidOperationException($"'{promql}' gave a {type}; use an instant vector or scalar query."),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static PrometheusSample Sample(JsonElement series)
    {
        var labels = series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
        var name = labels.Remove("__name__", out var metric) ? metric : "";
        return new PrometheusSample(name, labels, Value(series.GetProperty("value")));
    }

    /// <summary>[ unix time, "value" ]: the value is a string, so that NaN and ±Inf survive JSON.</summary>
    private static double Value(JsonElement pair) => PrometheusText.ParseValue(pair[1].GetString() ?? "NaN");
}
