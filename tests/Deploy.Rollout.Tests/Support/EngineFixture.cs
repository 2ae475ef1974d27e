using Deploy.Testing.Docker;
using Docker.DotNet;

namespace Deploy.Rollout.Tests.Support;

/// <summary>The test engine, with the test images built on it.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    private DockerDaemon? daemon;
    private DockerClient? client;

    internal IDockerClient Docker => client ?? throw new InvalidOperationException("The engine fixture is not initialised.");

    public async Task InitializeAsync()
    {
        daemon = await DockerDaemon.StartAsync();
        client = new DockerClientConfiguration(new Uri(daemon.Host)).CreateClient();
        await TestServiceImages.EnsureBuiltAsync(client);
    }

    public DockerDaemon Daemon => daemon ?? throw new InvalidOperationException("The engine fixture is not initialised.");

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (daemon is not null)
        {
            await daemon.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EngineGroup : ICollectionFixture<EngineFixture>
{
    public const string Name = "docker engine";
}
