using Deploy.Testing.Docker;

namespace Deploy.Templates.Tests;

/// <summary>The packed template and a Docker engine, shared by every test: packing takes minutes, so it is done once.</summary>
[CollectionDefinition(Name)]
public sealed class TemplatesGroup : ICollectionFixture<PackagesFixture>, ICollectionFixture<EngineFixture>
{
    public const string Name = "packed template";
}

/// <summary>A dockerd of the tests' own on loopback, where generated builds roll their services out.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    private DockerDaemon? _daemon;

    public DockerDaemon Daemon => _daemon ?? throw new InvalidOperationException("The engine fixture is not initialised.");

    public async Task InitializeAsync() => _daemon = await DockerDaemon.StartAsync();

    /// <summary>Removes a container if it is there (a test's cleanup).</summary>
    public async Task RemoveContainerAsync(string name) => await Daemon.Cli.TryRunAsync(["rm", "--force", name]);

    public async Task DisposeAsync()
    {
        if (_daemon is not null)
            await _daemon.DisposeAsync();
    }
}
