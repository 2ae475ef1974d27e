namespace Deploy.Docker.Tests.Fixtures;

/// <summary>One Docker engine for the whole test assembly (every Docker test class is in the <see cref="DockerTests"/> collection).</summary>
public sealed class DockerFixture : IAsyncLifetime
{
    private DockerDaemon? _daemon;

    public DockerDaemon Daemon => _daemon ?? throw new InvalidOperationException("The Docker engine has not started.");

    public async Task InitializeAsync() => _daemon = await DockerDaemon.StartAsync();

    public async Task DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }
    }
}
