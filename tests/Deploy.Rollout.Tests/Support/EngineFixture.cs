using Docker.DotNet;

namespace Deploy.Rollout.Tests.Support;

/// <summary>The test engine, with the test images built on it.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    private DockerClient? client;

    internal IDockerClient Docker => client ?? throw new InvalidOperationException("The engine fixture is not initialised.");

    public async Task InitializeAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///var/run/docker.sock";
        client = new DockerClientConfiguration(new Uri(host)).CreateClient();
        await TestServiceImages.EnsureBuiltAsync(client);
    }

    public Task DisposeAsync()
    {
        client?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class EngineGroup : ICollectionFixture<EngineFixture>
{
    public const string Name = "docker engine";
}
