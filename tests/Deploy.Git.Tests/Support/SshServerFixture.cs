namespace Deploy.Git.Tests.Support;

/// <summary>One sshd for a test class; each test makes its own repositories.</summary>
public sealed class SshServerFixture : IAsyncLifetime
{
    private readonly string _root = Scratch.Directory("ssh-repos");

    public SshServer Server { get; private set; } = null!;

    public Upstream NewUpstream(string? name = null) => new(name ?? "repo-" + Guid.NewGuid().ToString("N")[..8], root: _root);

    public async Task InitializeAsync() => Server = await SshServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Scratch.Delete(_root);
    }
}
