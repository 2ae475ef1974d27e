using System.Globalization;
using Deploy.Build;
using Deploy.Docker;
using Deploy.Rollout.Tests.Support;
using Deploy.Testing.Docker;
using Docker.DotNet.Models;

namespace Deploy.Rollout.Tests.Component;

/// <summary>The Rollout target reports a Docker rollout refused for another process on the port as a failed target.</summary>
[Collection(EngineGroup.Name)]
public sealed class PortConflictTargetTests(EngineFixture engine)
{
    [Fact]
    public async Task The_Rollout_target_exits_non_zero_naming_the_port_and_the_process()
    {
        var name = $"rollout-test-{Guid.NewGuid().ToString("N")[..8]}";
        var port = FreePort.Next();
        await using var intruder = await HostService.StartAsync(port);
        using var driver = new BuildDriver();
        var image = await engine.Docker.Images.InspectImageAsync(TestServiceImages.V2);
        var build = new BuiltBuild(new ContainerImage(image.ID, TestServiceImages.Repository, ["v2"], Registry: null));

        var result = await driver.RunAsync(build, [
            "Rollout", "--skip",
            "--container-name", name,
            "--service-port", port.ToString(CultureInfo.InvariantCulture),
            "--docker-host", engine.Daemon.Host,
        ]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Port {port} is already in use by process {intruder.Pid} ({TestServiceImages.Binary})", result.ErrorOf("Rollout"), StringComparison.Ordinal);
        var containers = await engine.Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        Assert.DoesNotContain(containers, container => container.Names.Any(n => n.TrimStart('/').StartsWith(name, StringComparison.Ordinal)));
    }

    /// <summary>The stock build with Image's result given: Rollout runs with its dependencies skipped.</summary>
    private sealed class BuiltBuild(ContainerImage image) : DeployBuild, IRollout
    {
        ContainerImage? IImage.BuiltImage => image;
    }
}
