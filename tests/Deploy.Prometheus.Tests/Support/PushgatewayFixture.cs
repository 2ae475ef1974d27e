using Deploy.Testing;

namespace Deploy.Prometheus.Tests.Support;

/// <summary>One real Pushgateway for every test in <see cref="UsesPushgateway"/>; each test pushes under a job of its own.</summary>
public sealed class PushgatewayFixture : IAsyncLifetime
{
    private PushgatewayServer? _server;

    public PushgatewayServer Server => _server ?? throw new InvalidOperationException("The Pushgateway has not been started.");

    public async Task InitializeAsync() => _server = await PushgatewayServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A job name no other test uses, so tests share the gateway without seeing each other's groups.</summary>
    public static string NewJob() => "test_" + Guid.NewGuid().ToString("N")[..10];
}

[CollectionDefinition(Name)]
public sealed class UsesPushgateway : ICollectionFixture<PushgatewayFixture>
{
    public const string Name = "Pushgateway";
}
