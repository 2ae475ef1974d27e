using Deploy.Docker.Rollout;
using Docker.DotNet.Models;

namespace Deploy.Docker.Tests.Rollout;

/// <summary>When this machine cannot see the engine's containers, host networking's port cannot be checked: nothing changes.</summary>
public sealed class PortGuardTests
{
    [Fact]
    public void A_running_version_whose_PID_here_is_another_process_stops_the_rollout_before_anything_changes()
    {
        // What an engine on another machine, or in another PID namespace, reports: a PID that here is some other
        // process (this test's own), not in the container's cgroup.
        var running = new ContainerInspectResponse
        {
            ID = new string('a', 64),
            State = new ContainerState { Running = true, Pid = Environment.ProcessId },
            HostConfig = new HostConfig { NetworkMode = "host" },
        };
        var request = new DockerRolloutRequest { ContainerName = "web", Image = "web:v2", Port = FreePort.Next(), TimeProvider = TimeProvider.System };

        var failure = Assert.Throws<DockerRolloutException>(() => PortGuard.BeforeChange(request, running));

        Assert.StartsWith($"With host networking Deploy must see which process listens on port {request.Port}, but the processes of the engine's containers are not visible on this machine ('web' runs as PID {Environment.ProcessId} on the engine", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was changed: run the build on the engine's machine, or run the service with --publish HOST_PORT:CONTAINER_PORT.", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.PreviousVersionRestored);
    }
}
