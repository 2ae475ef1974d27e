using Docker.DotNet;

namespace Deploy.Docker.Tests.Fixtures;

/// <summary>One Docker engine for the whole test assembly (every Docker test class is in the <see cref="DockerTests"/> collection).</summary>
public sealed class DockerFixture : IAsyncLifetime
{
    private DockerDaemon? _daemon;
    private DockerClient? _client;

    public DockerDaemon Daemon => _daemon ?? throw new InvalidOperationException("The Docker engine has not started.");

    /// <summary>A client of the engine, for tests that drive the rollout code directly.</summary>
    internal IDockerClient Client => _client ?? throw new InvalidOperationException("The Docker engine has not started.");

    public async Task InitializeAsync()
    {
        _daemon = await DockerDaemon.StartAsync();
        _client = new DockerClientConfiguration(new Uri(_daemon.Host)).CreateClient();
    }

    /// <summary>Builds the test service's images on the engine, once (the rollout tests need them; the image tests do not).</summary>
    public Task TestServiceImagesAsync() => TestServiceImages.EnsureBuiltAsync(Client);

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }
    }
}
