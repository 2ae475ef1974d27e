using Deploy.Docker.Tests.Fixtures;
using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Rollout;

/// <summary>
/// A rollout that succeeded can be undone later (a verification that found the new version bad) when it kept the
/// previous version: that very container serves again. What was not kept, or was replaced since, is refused unchanged.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class RollBackTests(DockerFixture engine) : IAsyncLifetime
{
    public Task InitializeAsync() => engine.TestServiceImagesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_kept_previous_version_is_stopped_beside_the_new_one_and_rolling_back_brings_that_container_back()
    {
        await using var service = new RolloutScenario(engine);
        var first = await service.RollOutAsync(TestServiceImages.V1);
        var request = service.Request(TestServiceImages.V2) with { KeepPrevious = true };

        var second = await service.RollOutAsync(request);

        Assert.Equal("v2", await service.ServingAsync());
        Assert.Equal(first.ContainerId, second.PreviousContainerId);
        Assert.Equal([service.Name, service.Name + "-previous"], await service.ContainerNamesAsync());
        Assert.False((await service.InspectAsync(service.Name + "-previous")).State.Running);

        var rolledBack = await service.RollBackAsync(request, second);

        Assert.True(rolledBack.RolledBack);
        Assert.Null(rolledBack.PreviousContainerId);
        Assert.Equal("v1", await service.ServingEventuallyAsync());
        Assert.Equal([service.Name], await service.ContainerNamesAsync());
        Assert.Equal(first.ContainerId, (await service.InspectAsync(service.Name)).ID);
    }

    [Fact]
    public async Task Removing_the_kept_previous_version_leaves_the_new_one_alone()
    {
        await using var service = new RolloutScenario(engine);
        await service.RollOutAsync(TestServiceImages.V1);
        var request = service.Request(TestServiceImages.V2) with { KeepPrevious = true };
        var second = await service.RollOutAsync(request);

        var accepted = await service.RemovePreviousAsync(request, second);

        Assert.Null(accepted.PreviousContainerId);
        Assert.Equal([service.Name], await service.ContainerNamesAsync());
        Assert.Equal(second.ContainerId, (await service.InspectAsync(service.Name)).ID);
        Assert.Equal("v2", await service.ServingAsync());
    }

    [Fact]
    public async Task The_next_rollout_removes_a_previous_version_an_accepted_rollout_kept()
    {
        await using var service = new RolloutScenario(engine);
        await service.RollOutAsync(TestServiceImages.V1);
        var second = await service.RollOutAsync(service.Request(TestServiceImages.V2) with { KeepPrevious = true });

        var third = await service.RollOutAsync(TestServiceImages.V1);

        Assert.Equal("v1", await service.ServingAsync());
        Assert.Equal(second.ImageId, third.PreviousImageId);
        Assert.Equal([service.Name], await service.ContainerNamesAsync());
        Assert.Contains(service.LogLines, line => line.Contains("the previous version an earlier rollout kept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rolling_back_a_first_version_removes_it()
    {
        await using var service = new RolloutScenario(engine);
        var request = service.Request(TestServiceImages.V1) with { KeepPrevious = true };
        var first = await service.RollOutAsync(request);

        var rolledBack = await service.RollBackAsync(request, first);

        Assert.True(rolledBack.RolledBack);
        Assert.Empty(await service.ContainerNamesAsync());
    }

    [Fact]
    public async Task A_previous_version_that_was_not_kept_cannot_be_rolled_back_to_and_nothing_changes()
    {
        await using var service = new RolloutScenario(engine);
        await service.RollOutAsync(TestServiceImages.V1);
        var request = service.Request(TestServiceImages.V2);
        var second = await service.RollOutAsync(request);

        var refused = await Assert.ThrowsAsync<DockerRolloutException>(() => service.RollBackAsync(request, second));

        Assert.Contains("was removed once the new one was healthy. Nothing was changed: roll out with KeepPrevious", refused.Message, StringComparison.Ordinal);
        Assert.Equal("v2", await service.ServingAsync());
        Assert.Equal(second.ContainerId, (await service.InspectAsync(service.Name)).ID);
    }

    [Fact]
    public async Task A_container_replaced_since_the_rollout_is_not_rolled_back()
    {
        await using var service = new RolloutScenario(engine);
        await service.RollOutAsync(TestServiceImages.V1);
        var request = service.Request(TestServiceImages.V2) with { KeepPrevious = true };
        var second = await service.RollOutAsync(request);
        var third = await service.RollOutAsync(service.Request(TestServiceImages.V2WithHealthcheck));

        var refused = await Assert.ThrowsAsync<DockerRolloutException>(() => service.RollBackAsync(request, second));

        Assert.Contains($"Cannot roll back '{service.Name}': the rollout started the container {second.ContainerId[..12]}, but it is now the container {third.ContainerId[..12]}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(third.ContainerId, (await service.InspectAsync(service.Name)).ID);
    }
}
