using Deploy.Testing;

namespace Deploy.Prometheus.Tests.Support;

/// <summary>
/// A real Pushgateway and a real Prometheus scraping it every second (honor_labels), for every test in
/// <see cref="UsesPrometheus"/>; each test pushes under a job of its own.
/// </summary>
public sealed class MetricsStackFixture : IAsyncLifetime
{
    private PushgatewayServer? _gateway;
    private PrometheusServer? _prometheus;

    public PushgatewayServer Gateway => _gateway ?? throw new InvalidOperationException("The Pushgateway has not been started.");

    public PrometheusServer Prometheus => _prometheus ?? throw new InvalidOperationException("Prometheus has not been started.");

    public async Task InitializeAsync()
    {
        _gateway = await PushgatewayServer.StartAsync();
        _prometheus = await PrometheusServer.StartAsync(_gateway.Url);
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class UsesPrometheus : ICollectionFixture<MetricsStackFixture>
{
    public const string Name = "Prometheus";
}
