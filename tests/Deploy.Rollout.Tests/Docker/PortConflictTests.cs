using System.Globalization;
using Deploy.Docker;
using Deploy.Rollout.Tests.Support;

namespace Deploy.Rollout.Tests.Docker;

/// <summary>
/// With host networking, another process on the service's port fails the rollout before anything changes: the
/// error names the port and the process, the running version keeps serving, nothing new is left behind.
/// </summary>
[Collection(EngineGroup.Name)]
public sealed class PortConflictTests(EngineFixture engine)
{
    [Fact]
    public async Task Another_process_on_the_port_fails_a_first_rollout_before_any_container_is_created()
    {
        await using var service = new RolloutScenario(engine.Docker);
        await using var intruder = await HostService.StartAsync(service.Port);

        var failure = await Assert.ThrowsAsync<RolloutException>(() => service.RollOutAsync(TestServiceImages.V2));

        Assert.StartsWith($"Port {service.Port} is already in use by process {intruder.Pid} ({TestServiceImages.Binary}), so the new version could not listen on it", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.PreviousVersionRestored);
        Assert.Empty(await service.ContainerNamesAsync());
        Assert.Equal("intruder", await service.ServingAsync());
    }

    [Fact]
    public async Task Another_process_on_the_port_fails_the_rollout_before_the_running_version_is_touched()
    {
        await using var service = new RolloutScenario(engine.Docker);
        var first = await service.RollOutAsync(TestServiceImages.V1);
        var before = await service.InspectAsync(service.Name);

        // v1 listens on 127.0.0.1:PORT; another address of the loopback network takes the same port beside it.
        await using var intruder = await HostService.StartAsync(service.Port, host: "127.0.0.2");
        var failure = await Assert.ThrowsAsync<RolloutException>(() => service.RollOutAsync(TestServiceImages.V2));

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

    [Fact]
    public async Task The_Rollout_target_exits_non_zero_naming_the_port_and_the_process()
    {
        await using var service = new RolloutScenario(engine.Docker);
        await using var intruder = await HostService.StartAsync(service.Port);
        using var driver = new BuildDriver();
        var build = new RolloutBuild();
        var image = await engine.Docker.Images.InspectImageAsync(TestServiceImages.V2);
        DockerState.Of(build).Built = new ContainerImage(image.ID, TestServiceImages.Repository, ["v2"], Registry: null);

        var result = await driver.RunAsync(build, [
            "Rollout", "--skip",
            "--container-name", service.Name,
            "--service-port", service.Port.ToString(CultureInfo.InvariantCulture),
            "--docker-host", engine.Daemon.Host,
        ]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Port {service.Port} is already in use by process {intruder.Pid} ({TestServiceImages.Binary})", result.ErrorOf("Rollout"), StringComparison.Ordinal);
        Assert.Empty(await service.ContainerNamesAsync());
    }
}
