namespace Deploy.Rollout.Tests.Verify;

/// <summary>
/// One real Prometheus for the evaluator's tests. Its scrape target is a port nothing listens on: the queries
/// these tests ask are constant expressions, which Prometheus evaluates itself, and <c>up</c> is a real 0.
/// </summary>
public sealed class PrometheusFixture : IAsyncLifetime
{
    private PrometheusServer? server;

    public PrometheusServer Server => server ?? throw new InvalidOperationException("The Prometheus fixture is not initialised.");

    public async Task InitializeAsync() => server = await PrometheusServer.StartAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}"));

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
