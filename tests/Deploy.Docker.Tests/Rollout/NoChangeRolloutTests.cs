using Deploy.Docker.Tests.Fixtures;
using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Rollout;

/// <summary>A rollout of what already runs, healthy, changes nothing; another configuration or Force redeploys.</summary>
[Collection(DockerTests.Name)]
public sealed class NoChangeRolloutTests(DockerFixture engine) : IAsyncLifetime
{
    public Task InitializeAsync() => engine.TestServiceImagesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_same_image_with_the_same_configuration_leaves_the_container_as_it_is()
    {
        await using var service = new RolloutScenario(engine);
        var first = await service.RollOutAsync(TestServiceImages.V1);
        var before = await service.InspectAsync(service.Name);

        var again = await service.RollOutAsync(TestServiceImages.V1);

        Assert.True(again.Unchanged);
        Assert.Equal(first.ContainerId, again.ContainerId);
        var after = await service.InspectAsync(service.Name);
        Assert.Equal(before.State.StartedAt, after.State.StartedAt);
        Assert.Contains(service.LogLines, line => line.Contains(service.Name, StringComparison.Ordinal) && line.Contains("already runs", StringComparison.Ordinal) && line.Contains("nothing to roll out", StringComparison.Ordinal));
        Assert.Equal("v1", await service.ServingAsync());
    }

    [Fact]
    public async Task Another_environment_or_force_redeploys_the_same_image()
    {
        await using var service = new RolloutScenario(engine);
        var first = await service.RollOutAsync(TestServiceImages.V1);

        var configured = await service.RollOutAsync(service.Request(TestServiceImages.V1) with { Environment = ["MODE=other"] });
        var forced = await service.RollOutAsync(service.Request(TestServiceImages.V1) with { Environment = ["MODE=other"], Force = true });

        Assert.False(configured.Unchanged);
        Assert.NotEqual(first.ContainerId, configured.ContainerId);
        Assert.False(forced.Unchanged);
        Assert.NotEqual(configured.ContainerId, forced.ContainerId);
        Assert.Equal("v1", await service.ServingAsync());
    }
}
