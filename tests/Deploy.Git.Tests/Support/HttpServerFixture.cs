namespace Deploy.Git.Tests.Support;

/// <summary>One smart HTTP server for a test class; each test makes its own repositories under its root.</summary>
public sealed class HttpServerFixture : IAsyncLifetime
{
    private readonly string _root = Scratch.Directory("http");

    public GitHttpServer Server { get; private set; } = null!;

    public Upstream NewUpstream() => new("repo-" + Guid.NewGuid().ToString("N")[..8], root: _root);

    public async Task InitializeAsync() => Server = await GitHttpServer.StartAsync(_root);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Scratch.Delete(_root);
    }
}
