using System.Text;
using System.Text.Json;

namespace Deploy.GitHub.Tests.Support;

/// <summary>The Tester build (Tester/TesterBuild.cs) running <c>--serve</c> as a real process on a free loopback port, in a scratch root.</summary>
internal sealed class TesterServer : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private Task? _stopping;

    private TesterServer(string root, int port, ChildProcess process)
    {
        Root = root;
        Port = port;
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Root { get; }
    public int Port { get; }
    public HttpClient Client { get; }
    public bool HasExited => _process.HasExited;

    public string Output => _process.Output;

    public static async Task<TesterServer> StartAsync(string secret, params string[] extra)
    {
        var root = Path.Combine(Path.GetTempPath(), "deploy-github-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        var port = FreePort.Next();
        var dotnet = TestEnvironment.Variables.GetValueOrDefault("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        // The secret comes from the environment, as on a server; the child runs must not inherit it.
        var process = ChildProcess.Start(
            dotnet,
            [Path.Combine(AppContext.BaseDirectory, "Deploy.GitHub.Tester.dll"), "--serve", "--listen", $"http://127.0.0.1:{port}", "--root", root, "--shutdown-grace", "2m", .. extra],
            new Dictionary<string, string?> { ["DEPLOY_WEBHOOK_SECRET"] = secret },
            root);
        var server = new TesterServer(root, port, process);
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => server.Output, () => process.HasExited);
        return server;
    }

    public async Task<JsonElement[]> RunsAsync()
    {
        var text = await Client.GetStringAsync("/runs");
        return JsonDocument.Parse(text).RootElement.EnumerateArray().ToArray();
    }

    public async Task<HttpResponseMessage> PushAsync(string secret, string commit)
    {
        var body = WebhookFixture.PushBody(commit);
        using var request = new HttpRequestMessage(HttpMethod.Post, Deploy.GitHub.Webhooks.WebhookServer.Path) { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", Deploy.GitHub.Webhooks.Signature.Sign(Encoding.UTF8.GetBytes(secret), body));
        return await Client.SendAsync(request);
    }

    /// <summary>Sends SIGTERM, as a service manager stopping it would (and kills it if it is still there minutes later).</summary>
    public void Terminate() => _stopping = _process.StopAsync(TimeSpan.FromMinutes(5));

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.StopAsync(TimeSpan.Zero);
        await (_stopping ?? Task.CompletedTask);
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
