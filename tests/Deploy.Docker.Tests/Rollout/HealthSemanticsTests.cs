using Deploy.Docker.Tests.Fixtures;
using Deploy.Docker.Tests.Support;
using Docker.DotNet.Models;

namespace Deploy.Docker.Tests.Rollout;

/// <summary>
/// Healthy means the new version serves: its container runs, has not restarted, answers, holds its port (host
/// networking), and still runs unrestarted at the end of the check. Anything else is a failed rollout.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class HealthSemanticsTests(DockerFixture engine) : IAsyncLifetime
{
    public Task InitializeAsync() => engine.TestServiceImagesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_version_that_answers_one_health_check_and_exits_is_rolled_back()
    {
        await using var service = new RolloutScenario(engine);
        await service.RollOutAsync(TestServiceImages.V1);

        var failure = await Assert.ThrowsAsync<DockerRolloutException>(() => service.RollOutAsync(TestServiceImages.V2AnswersOnce));

        Assert.Contains("the new container exited with code 0 after it answered the health check", failure.Message, StringComparison.Ordinal);
        Assert.Contains("answered one health check, exiting", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.PreviousVersionRestored);
        Assert.Equal("v1", await service.ServingEventuallyAsync());
        Assert.Equal([service.Name], await service.ContainerNamesAsync());
        Assert.DoesNotContain(service.LogLines, line => line.Contains("is healthy", StringComparison.Ordinal) && line.Contains(TestServiceImages.V2AnswersOnce, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_container_that_crash_loops_under_its_restart_policy_is_not_healthy_while_another_process_answers()
    {
        await using var service = new RolloutScenario(engine);
        await using var intruder = await HostService.StartAsync(service.Port);

        // The trial: the new version cannot bind ("address already in use") and restarts over and over,
        // while the other process answers /healthz 2xx on the same port.
        var id = await service.StartAsync(TestServiceImages.V2, RestartPolicyKind.Always);
        var failure = await Assert.ThrowsAsync<DockerRolloutException>(() => service.WaitUntilHealthyAsync(id, service.Request(TestServiceImages.V2)));

        Assert.Matches($"the new container restarted|the new container exited|port {service.Port} is held by process {intruder.Pid} .*, not by the new container", failure.Message);
        Assert.Equal("intruder", await service.ServingAsync());
    }

    [Fact]
    public async Task A_container_that_restarts_after_answering_is_not_healthy()
    {
        await using var service = new RolloutScenario(engine);

        // Answers one check, exits, is started again by Docker, answers again...: never the same process twice.
        var id = await service.StartAsync(TestServiceImages.V2AnswersOnce, RestartPolicyKind.Always);
        var failure = await Assert.ThrowsAsync<DockerRolloutException>(() => service.WaitUntilHealthyAsync(id, service.Request(TestServiceImages.V2AnswersOnce)));

        Assert.Matches("the new container (restarted|exited with code 0) (after it answered the health check|before it became healthy)", failure.Message);
    }

    [Fact]
    public async Task A_healthy_version_passes_several_checks_in_a_row_from_its_own_process()
    {
        await using var service = new RolloutScenario(engine);
        var id = await service.StartAsync(TestServiceImages.V2, RestartPolicyKind.No);

        await service.WaitUntilHealthyAsync(id, service.Request(TestServiceImages.V2));

        var container = await service.InspectAsync(service.Name);
        Assert.Equal((true, 0L), (container.State.Running, container.RestartCount));
        Assert.Contains(service.LogLines, line => line.Contains($"answered 2xx, and port {service.Port} is held by the new container", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_service_that_listens_only_where_ASP_NET_Core_does_deploys_without_service_env()
    {
        await using var service = new RolloutScenario(engine);

        await service.RollOutAsync(TestServiceImages.V2AspNet);

        Assert.Equal("v2", await service.ServingAsync());
        var container = await service.InspectAsync(service.Name);
        Assert.Contains($"ASPNETCORE_HTTP_PORTS={service.Port}", container.Config.Env);
        Assert.Contains($"PORT={service.Port}", container.Config.Env);
    }

    [Theory]
    [InlineData("ASPNETCORE_HTTP_PORTS")]
    [InlineData("ASPNETCORE_URLS")]
    public async Task A_service_env_that_says_where_ASP_NET_Core_listens_is_left_alone(string variable)
    {
        await using var service = new RolloutScenario(engine);
        var value = variable == "ASPNETCORE_URLS" ? $"http://127.0.0.1:{service.Port}" : service.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = service.Request(TestServiceImages.V2) with { Environment = [$"{variable}={value}"] };

        await service.RollOutAsync(request);

        var container = await service.InspectAsync(service.Name);
        Assert.Single(container.Config.Env, entry => entry.StartsWith("ASPNETCORE_", StringComparison.Ordinal));
        Assert.Contains($"{variable}={value}", container.Config.Env);
    }
}
