using System.Net;
using Deploy.GitHub.Tests.Support;

namespace Deploy.GitHub.Tests.Webhooks;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutdown_during_a_run_refuses_new_deliveries_and_lets_the_run_finish()
    {
        await using var server = await WebhookFixture.StartAsync();
        using var push = await server.PushAsync(WebhookFixture.Sha(1));
        await Poll.UntilAsync(() => server.Runner.Started.Count == 1, TimeSpan.FromSeconds(10), "the run to start");
        using var waiting = await server.PushAsync(WebhookFixture.Sha(2), minute: 5);

        server.Server.StopAccepting();
        var stopping = server.Scheduler.StopAsync(TimeSpan.FromMinutes(5));
        using var late = await server.PushAsync(WebhookFixture.Sha(3), minute: 9);
        Assert.False(stopping.IsCompleted);
        server.Runner.Open();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, late.StatusCode);
        var run = Assert.Single(await server.RunsAsync());
        Assert.Equal("Succeeded", run.GetProperty("result").GetString());
        Assert.Single(server.Runner.Started);
    }

    [Fact]
    public async Task Shutdown_cancels_a_run_that_outlasts_the_grace_period()
    {
        await using var server = await WebhookFixture.StartAsync();
        using var push = await server.PushAsync(WebhookFixture.Sha(1));
        await Poll.UntilAsync(() => server.Runner.Started.Count == 1, TimeSpan.FromSeconds(10), "the run to start");

        server.Server.StopAccepting();
        await server.Scheduler.StopAsync(TimeSpan.Zero).WaitAsync(TimeSpan.FromSeconds(10));

        var run = Assert.Single(await server.RunsAsync());
        Assert.Equal("Cancelled", run.GetProperty("result").GetString());
    }
}
