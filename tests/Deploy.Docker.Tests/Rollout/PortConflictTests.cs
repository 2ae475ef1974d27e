using Deploy.Docker.Tests.Fixtures;
using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Rollout;

/// <summary>
/// With host networking, another process on the service's port fails the rollout before anything changes: the
/// error names the port and the process, the running version keeps serving, nothing new is left behind.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class PortConflictTests(DockerFixture engine) : IAsyncLifetime
{
    public Task InitializeAsync() => engine.TestServiceImagesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Another_process_on_the_port_fails_a_first_rollout_before_any_container_is_created()
    {
        await using var service = new RolloutScenario(engine);
        await using var intruder = await HostService.StartAsync(service.Port);

        var failure = await Assert.ThrowsAsync<DockerRolloutException>(() => service.RollOutAsync(TestServiceImages.V2));

        Assert.StartsWith($"Port {service.Port} is already in use by process {intruder.Pid} ({TestServiceImages.Binary}), so the new version could not listen on it", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.PreviousVersionRestored);
        Assert.Empty(await service.ContainerNamesAsync());
        Assert.Equal("intruder", await service.ServingAsync());
    }

    [Fact]
    public async Task Another_process_on_the_port_fails_the_rollout_before_the_running_version_is_touched()
    {
        await using var service = new RolloutScenario(engine);
        var first = await service.RollOutAsync(TestServiceImages.V1);
        var before = await service.InspectAsync(service.Name);

        // v1 listens on 127.0.0.1:PORT; another address of the loopback network takes the same port beside it.
        await using var intruder = await HostService.StartAsync(service.Port, host: "127.0.0.2");
        var failure = await Assert.ThrowsAsync<DockerRolloutException>(() => service.RollOutAsync(TestServiceImages.V2));

        Assert.StartsWith(
            $"Port {service.Port} is already in use by process {intruder.Pid} ({TestServiceImages.Binary}), not by the running version '{service.Name}'",
            failure.Message,
            StringComparison.Ordinal);
        Assert.Contains($"(it listens on 127.0.0.2:{service.Port})", failure.Message, StringComparison.Ordinal);
        var after = await service.InspectAsync(service.Name);
        Assert.Equal((first.ContainerId, true, before.State.StartedAt), (after.ID, after.State.Running, after.State.StartedAt));
        Assert.Equal([service.Name], await service.ContainerNamesAsync());
        Assert.Equal("v1", await service.ServingAsync());
    }
}
