using Deploy.Docker.Tests.Fixtures;
using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Rollout;

[Collection(DockerTests.Name)]
public sealed class DockerRolloutTests(DockerFixture engine) : IAsyncLifetime
{
    public Task InitializeAsync() => engine.TestServiceImagesAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_first_version_starts_and_serves()
    {
        await using var service = new RolloutScenario(engine);

        var result = await service.RollOutAsync(TestServiceImages.V1);

        Assert.Equal("v1", await service.ServingAsync());
        Assert.Equal([service.Name], await service.ContainerNamesAsync());
        Assert.StartsWith("sha256:", result.ImageId, StringComparison.Ordinal);
        Assert.Null(result.PreviousImageId);
        var container = await service.InspectAsync(service.Name);
        Assert.Equal("unless-stopped", container.HostConfig.RestartPolicy.Name.ToString().Replace("UnlessStopped", "unless-stopped", StringComparison.Ordinal));
        Assert.Equal("true", container.Config.Labels["deploy.test"]);
    }

    [Fact]
    public async Task Version_2_replaces_version_1_and_nothing_else_is_left()
    {
        await using var service = new RolloutScenario(engine);
        var first = await service.RollOutAsync(TestServiceImages.V1);

        var second = await service.RollOutAsync(TestServiceImages.V2);

        Assert.Equal("v2", await service.ServingAsync());
        Assert.Equal([service.Name], await service.ContainerNamesAsync());
        Assert.Equal(first.ImageId, second.PreviousImageId);
        Assert.NotEqual(first.ContainerId, second.ContainerId);
    }

    [Fact]
    public async Task A_version_whose_health_check_fails_leaves_version_1_serving()
    {
        await using var service = new RolloutScenario(engine);
        await service.RollOutAsync(TestServiceImages.V1);

        var failure = await Assert.ThrowsAsync<DockerRolloutException>(() => service.RollOutAsync(TestServiceImages.V2Unhealthy, TimeSpan.FromSeconds(3)));

        Assert.Contains("did not become healthy within 3 s", failure.Message, StringComparison.Ordinal);
        Assert.Contains("answered 500", failure.Message, StringComparison.Ordinal);
        Assert.Contains("running again", failure.Message, StringComparison.Ordinal);
        Assert.Contains("test service v2 starting in mode unhealthy", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.PreviousVersionRestored);
        Assert.Equal("v1", await service.ServingEventuallyAsync());
        Assert.Equal([service.Name], await service.ContainerNamesAsync());
    }

    [Fact]
    public async Task A_version_that_crashes_on_start_leaves_version_1_serving_and_its_log_in_the_error()
    {
        await using var service = new RolloutScenario(engine);
        await service.RollOutAsync(TestServiceImages.V1);

        var failure = await Assert.ThrowsAsync<DockerRolloutException>(() => service.RollOutAsync(TestServiceImages.V2Crash));

        Assert.Contains("exited with code 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("fatal: configuration missing, giving up", failure.Message, StringComparison.Ordinal);
        Assert.Equal("v1", await service.ServingEventuallyAsync());
        Assert.Equal([service.Name], await service.ContainerNamesAsync());
    }

    [Fact]
    public async Task A_failed_first_version_leaves_no_container_behind()
    {
        await using var service = new RolloutScenario(engine);

        var failure = await Assert.ThrowsAsync<DockerRolloutException>(() => service.RollOutAsync(TestServiceImages.V2Crash));

        Assert.Contains("There was no previous version", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await service.ContainerNamesAsync());
    }

    [Fact]
    public async Task Cancelling_mid_rollout_leaves_version_1_serving()
    {
        await using var service = new RolloutScenario(engine);
        await service.RollOutAsync(TestServiceImages.V1);
        using var cancel = new CancellationTokenSource();

        var rollout = service.RollOutAsync(TestServiceImages.V2Unhealthy, TimeSpan.FromMinutes(5), cancel.Token);
        await Poll.UntilAsync(
            () => service.LogLines.Any(line => line.Contains("Starting", StringComparison.Ordinal) && line.Contains(TestServiceImages.V2Unhealthy, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            "the new version to start");
        await cancel.CancelAsync();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rollout);
        Assert.Equal(cancel.Token, cancelled.CancellationToken);
        Assert.Equal("v1", await service.ServingEventuallyAsync());
        Assert.Equal([service.Name], await service.ContainerNamesAsync());
    }

    [Fact]
    public async Task Cancelling_before_anything_changed_leaves_version_1_untouched()
    {
        await using var service = new RolloutScenario(engine);
        var first = await service.RollOutAsync(TestServiceImages.V1);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.RollOutAsync(TestServiceImages.V2, cancellationToken: cancel.Token));

        Assert.Equal(cancel.Token, cancelled.CancellationToken);
        Assert.Equal(first.ContainerId, (await service.InspectAsync(service.Name)).ID);
        Assert.Equal("v1", await service.ServingAsync());
    }

    [Fact]
    public async Task The_image_s_own_healthcheck_decides_when_no_health_url_is_given()
    {
        await using var service = new RolloutScenario(engine);

        await service.RollOutAsync(TestServiceImages.V2WithHealthcheck);

        Assert.Contains(service.LogLines, line => line.Contains("HEALTHCHECK reports healthy", StringComparison.Ordinal));
        var container = await service.InspectAsync(service.Name);
        Assert.Equal("healthy", container.State.Health.Status);
    }

    [Fact]
    public async Task A_health_url_that_never_answers_2xx_fails_the_rollout()
    {
        await using var service = new RolloutScenario(engine);
        var request = service.Request(TestServiceImages.V2, TimeSpan.FromSeconds(2), new Uri($"http://127.0.0.1:{service.Port}/missing"));

        var failure = await Assert.ThrowsAsync<DockerRolloutException>(() => service.RollOutAsync(request));

        Assert.Contains("/missing answered 404", failure.Message, StringComparison.Ordinal);
        Assert.Empty(await service.ContainerNamesAsync());
    }
}
