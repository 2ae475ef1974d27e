using System.Net;
using System.Text;
using Deploy.GitHub.Tests.Support;

namespace Deploy.GitHub.Tests.Webhooks;

public sealed class DeliveryTests : IAsyncLifetime
{
    private WebhookFixture _server = null!;

    public async Task InitializeAsync() => _server = await WebhookFixture.StartAsync(maxBody: 8 * 1024);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_signed_push_to_a_configured_branch_starts_a_run_at_that_commit()
    {
        var commit = WebhookFixture.Sha(1);

        using var response = await _server.PushAsync(commit);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("started", await WebhookFixture.StatusOfAsync(response));
        await Poll.UntilAsync(() => !_server.Runner.Started.IsEmpty, TimeSpan.FromSeconds(10), "the run to start");
        var run = Assert.Single(_server.Runner.Started);
        Assert.Equal(commit, run.Commit);
        Assert.Equal("acme/service", run.Repository);
        Assert.Equal("https://github.com/acme/service.git", run.CloneUrl);
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_with_401_before_the_body_is_read()
    {
        var body = Encoding.UTF8.GetBytes("this is not even JSON");
        var forged = Deploy.GitHub.Webhooks.Signature.Sign(Encoding.UTF8.GetBytes("another secret"), body);

        using var response = await _server.SendAsync("push", body, signature: forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_server.Runner.Started);
    }

    [Fact]
    public async Task A_signature_over_another_body_is_refused_with_401()
    {
        var signed = WebhookFixture.PushBody(WebhookFixture.Sha(2));
        var signature = Deploy.GitHub.Webhooks.Signature.Sign(Encoding.UTF8.GetBytes(WebhookFixture.Secret), signed);

        using var response = await _server.SendAsync("push", WebhookFixture.PushBody(WebhookFixture.Sha(3)), signature: signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_server.Runner.Started);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha1=0123")]
    [InlineData("sha256=not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex")]
    public async Task A_missing_or_malformed_signature_is_refused_with_401(string signature)
    {
        using var response = await _server.SendAsync("push", WebhookFixture.PushBody(WebhookFixture.Sha(4)), signature: signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_server.Runner.Started);
    }

    [Fact]
    public async Task A_replayed_delivery_is_ignored()
    {
        var delivery = Guid.NewGuid().ToString();
        using var first = await _server.PushAsync(WebhookFixture.Sha(5), delivery: delivery);
        using var again = await _server.PushAsync(WebhookFixture.Sha(5), delivery: delivery);
        _server.Runner.Open();
        await Poll.UntilAsync(() => _server.Scheduler.Idle, TimeSpan.FromSeconds(10), "the run to end");

        Assert.Equal("started", await WebhookFixture.StatusOfAsync(first));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("duplicate", await WebhookFixture.StatusOfAsync(again));
        Assert.Single(_server.Runner.Started);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        var body = new byte[9 * 1024];

        using var response = await _server.SendAsync("push", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_server.Runner.Started);
    }

    [Fact]
    public async Task A_body_over_the_limit_without_a_length_gets_413()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Deploy.GitHub.Webhooks.WebhookServer.Path)
        {
            Content = new StreamContent(new MemoryStream(new byte[20 * 1024])),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-GitHub-Event", "push");

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_ping_gets_200()
    {
        using var response = await _server.SendAsync("ping", Encoding.UTF8.GetBytes("""{"zen":"Keep it logically awesome.","hook_id":1}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("pong", await WebhookFixture.StatusOfAsync(response));
    }

    [Fact]
    public async Task Other_events_are_accepted_and_ignored()
    {
        using var response = await _server.SendAsync("issues", Encoding.UTF8.GetBytes("""{"action":"opened"}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ignored", await WebhookFixture.StatusOfAsync(response));
        Assert.Empty(_server.Runner.Started);
    }

    [Theory]
    [InlineData("feature/x", "ignored")]
    [InlineData("release/2.0", "started")]
    [InlineData("release/2.0/hotfix", "ignored")]
    public async Task Only_pushes_to_the_configured_branches_run(string branch, string expected)
    {
        using var response = await _server.PushAsync(WebhookFixture.Sha(6), branch);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(expected, await WebhookFixture.StatusOfAsync(response));
    }

    [Fact]
    public async Task A_signed_push_that_is_not_a_push_payload_gets_400()
    {
        using var response = await _server.SendAsync("push", Encoding.UTF8.GetBytes("""{"ref":"refs/heads/main","after":"; rm -rf /"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_server.Runner.Started);
    }

    [Fact]
    public async Task Healthz_answers_and_runs_list_the_recent_runs_with_their_stage_timings()
    {
        using var health = await _server.Client.GetAsync("/healthz");
        using var push = await _server.PushAsync(WebhookFixture.Sha(7));
        _server.Runner.Open();
        await Poll.UntilAsync(() => _server.Scheduler.Idle, TimeSpan.FromSeconds(10), "the run to end");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var run = Assert.Single(await _server.RunsAsync());
        Assert.Equal(WebhookFixture.Sha(7), run.GetProperty("commit").GetString());
        Assert.Equal("Succeeded", run.GetProperty("result").GetString());
        Assert.Equal(1.25, run.GetProperty("stages")[1].GetProperty("durationSeconds").GetDouble());
    }
}
