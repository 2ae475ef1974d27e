using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Deploy.GitHub.Webhooks;

namespace Deploy.GitHub.Tests.Support;

/// <summary>The webhook server on a free loopback port with a gated runner, and a client that sends GitHub-shaped deliveries.</summary>
internal sealed class WebhookFixture : IAsyncDisposable
{
    public const string Secret = "It's a Secret to Everybody";

    private WebhookFixture(WebhookServer server, RunScheduler scheduler, GatedRunner runner)
    {
        Server = server;
        Scheduler = scheduler;
        Runner = runner;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebhookServer Server { get; }
    public RunScheduler Scheduler { get; }
    public GatedRunner Runner { get; }
    public HttpClient Client { get; }

    public static async Task<WebhookFixture> StartAsync(long maxBody = 64 * 1024, TimeSpan? grace = null)
    {
        var options = WebhookOptions.Create("http://127.0.0.1:0", Secret, ["main", "release/*"], maxBody, grace ?? TimeSpan.FromMinutes(1));
        var runner = new GatedRunner();
        var scheduler = new RunScheduler(runner, TimeProvider.System, Serilog.Core.Logger.None);
        var server = await WebhookServer.StartAsync(options, scheduler, Serilog.Core.Logger.None);
        return new WebhookFixture(server, scheduler, runner);
    }

    public static string Sha(int n) => n.ToString("x40", CultureInfo.InvariantCulture);

    public static byte[] PushBody(string commit, string branch = "main", int minute = 0, string repository = "acme/service") =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["ref"] = "refs/heads/" + branch,
            ["before"] = new string('0', 40),
            ["after"] = commit,
            ["repository"] = new Dictionary<string, object> { ["full_name"] = repository, ["clone_url"] = $"https://github.com/{repository}.git" },
            ["head_commit"] = new Dictionary<string, object> { ["id"] = commit, ["timestamp"] = new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero).AddMinutes(minute).ToString("o", CultureInfo.InvariantCulture) },
        });

    /// <summary>Posts a delivery; <paramref name="signature"/> null signs it with the right secret, "" sends none.</summary>
    public async Task<HttpResponseMessage> SendAsync(string kind, byte[] body, string? signature = null, string? delivery = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookServer.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", kind);
        request.Headers.Add("X-GitHub-Delivery", delivery ?? Guid.NewGuid().ToString());
        signature ??= Signature.Sign(Encoding.UTF8.GetBytes(Secret), body);
        if (signature.Length > 0)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PushAsync(string commit, string branch = "main", int minute = 0, string? delivery = null) =>
        SendAsync("push", PushBody(commit, branch, minute), delivery: delivery);

    public async Task<JsonElement[]> RunsAsync()
    {
        using var response = await Client.GetAsync("/runs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToArray();
    }

    public static async Task<string> StatusOfAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString()!;

    public async ValueTask DisposeAsync()
    {
        Runner.Open();
        Client.Dispose();
        Server.StopAccepting();
        await Scheduler.StopAsync(TimeSpan.FromSeconds(10));
        await Server.DisposeAsync();
        Scheduler.Dispose();
    }
}
