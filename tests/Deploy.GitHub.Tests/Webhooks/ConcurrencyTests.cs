using System.Net;
using Deploy.GitHub.Tests.Support;

namespace Deploy.GitHub.Tests.Webhooks;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Twenty_concurrent_pushes_make_at_most_two_runs_with_the_newest_commit_last()
    {
        await using var server = await WebhookFixture.StartAsync();

        // Commit n was made at minute n: the newest is 20, whatever order the deliveries arrive in.
        var responses = await Task.WhenAll(Enumerable.Range(1, 20).Select(n => server.PushAsync(WebhookFixture.Sha(n), minute: n)));
        server.Runner.Open();
        await Poll.UntilAsync(() => server.Scheduler.Idle, TimeSpan.FromSeconds(20), "the runs to end");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var started = server.Runner.Started.ToList();
        Assert.InRange(started.Count, 1, 2);
        Assert.Equal(WebhookFixture.Sha(20), started[^1].Commit);
        Assert.Equal(1, server.Runner.MostAtOnce);
        var runs = await server.RunsAsync();
        Assert.Equal(WebhookFixture.Sha(20), runs[0].GetProperty("commit").GetString());
        Assert.All(runs, r => Assert.Equal("Succeeded", r.GetProperty("result").GetString()));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task A_push_during_a_run_becomes_the_next_run()
    {
        await using var server = await WebhookFixture.StartAsync();
        using var first = await server.PushAsync(WebhookFixture.Sha(1), minute: 1);
        await Poll.UntilAsync(() => server.Runner.Started.Count == 1, TimeSpan.FromSeconds(10), "the first run to start");

        using var second = await server.PushAsync(WebhookFixture.Sha(2), minute: 2);
        using var older = await server.PushAsync(WebhookFixture.Sha(3), minute: 0);
        server.Runner.Open();
        await Poll.UntilAsync(() => server.Scheduler.Idle, TimeSpan.FromSeconds(10), "the runs to end");

        Assert.Equal("queued", await WebhookFixture.StatusOfAsync(second));
        Assert.Equal("superseded", await WebhookFixture.StatusOfAsync(older));
        Assert.Equal([WebhookFixture.Sha(1), WebhookFixture.Sha(2)], server.Runner.Started.Select(r => r.Commit));
    }
}
