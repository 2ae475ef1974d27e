using Deploy.Git.Tests.Support;

namespace Deploy.Git.Tests;

/// <summary>Clones over ssh:// from OpenSSH's sshd, with a key pair made for the test.</summary>
public sealed class SshCloneTests(SshServerFixture fixture) : IClassFixture<SshServerFixture>, IDisposable
{
    private readonly Upstream _upstream = fixture.NewUpstream();
    private readonly BuildDriver _driver = new();

    private SshServer Server => fixture.Server;

    // The engine masks the user information of every URL it logs (ssh://root@… → ssh://***@…).
    private string Shown => Server.UrlOf(_upstream).Replace($"//{Environment.UserName}@", "//***@", StringComparison.Ordinal);

    private string Workspace => Path.Combine(_driver.Temp, "workspace", Path.GetFileNameWithoutExtension(_upstream.Bare));

    private string[] WithKey(params string[] arguments) =>
        ["--repository", Server.UrlOf(_upstream), "--ssh-key", Server.ClientKey, "--ssh-known-hosts", Server.KnownHosts, .. arguments];

    [Fact]
    public async Task A_branch_is_cloned_with_the_key_given()
    {
        _upstream.Branch("release");
        var tip = _upstream.Commit("release.txt", "r\n", "Prepare the release");

        var (result, checkout) = await Clones.RunAsync(_driver, WithKey("--ref", "release"));

        Assert.True(result.ExitCode == 0, result.Everything + Server.Log);
        Assert.Equal(tip, checkout!.Commit);
        Assert.Equal("refs/heads/release", checkout.Ref);
        Assert.Equal("r\n", File.ReadAllText(Path.Combine(Workspace, "release.txt")));
        Assert.Contains("Fetching all history: libgit2 fetches shallow (--depth 1) over http(s) only, and this is a ssh repository", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ssh_command_is_set_for_the_clone_only()
    {
        await Clones.SucceedAsync(_driver, WithKey());

        var config = File.ReadAllText(Path.Combine(Workspace, ".git", "config"));
        Assert.DoesNotContain("sshCommand", config, StringComparison.OrdinalIgnoreCase);
        Assert.Null(Environment.GetEnvironmentVariable("GIT_SSH_COMMAND"));
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "deploy-ssh-*"), d => File.Exists(Path.Combine(d, "ssh")) && File.ReadAllText(Path.Combine(d, "ssh")).Contains(Server.ClientKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tag_and_an_update_after_a_force_push_work_over_ssh()
    {
        var tagged = _upstream.Commit("app.txt", "1\n", "One");
        _upstream.Tag("v1");
        _upstream.Commit("app.txt", "2\n", "Two");

        var tag = await Clones.SucceedAsync(_driver, WithKey("--ref", "v1"));
        Assert.Equal(tagged, tag.Commit);

        await Clones.SucceedAsync(_driver, WithKey());
        var rewritten = _upstream.ForcePush("app.txt", "2b\n", "Two, rewritten");
        var updated = await Clones.SucceedAsync(_driver, WithKey());

        Assert.True(updated.Updated);
        Assert.Equal(rewritten, updated.Commit);
        Assert.Equal("2b\n", File.ReadAllText(Path.Combine(Workspace, "app.txt")));
    }

    [Fact]
    public async Task A_key_the_server_does_not_accept_fails_at_once_with_ssh_s_reason()
    {
        var result = await Clones.FailAsync(_driver, "--repository", Server.UrlOf(_upstream), "--ssh-key", Server.StrangerKey, "--ssh-known-hosts", Server.KnownHosts);

        Assert.Contains($"ssh refused the key for {Shown}: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("Permission denied (publickey)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Check --ssh-key", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("retrying", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_key_not_in_known_hosts_is_refused()
    {
        var emptyKnownHosts = Path.Combine(_driver.Root, "known_hosts");
        File.WriteAllText(emptyKnownHosts, "");

        var result = await Clones.FailAsync(_driver, "--repository", Server.UrlOf(_upstream), "--ssh-key", Server.ClientKey, "--ssh-known-hosts", emptyKnownHosts);

        Assert.Contains($"ssh could not verify the host key of {Shown}", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_ssh_port_is_retried_then_reported()
    {
        var closed = $"ssh://{Environment.UserName}@127.0.0.1:{FreePort.Next()}/nothing.git";

        var result = await Clones.FailAsync(_driver, "--repository", closed, "--ssh-key", Server.ClientKey, "--git-retries", "1", "--git-retry-delay", "00:00:00.010");

        Assert.Contains("(attempt 1 of 2)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Connection refused", result.Output, StringComparison.Ordinal);
        Assert.Contains("Gave up after 2 attempts.", result.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _driver.Dispose();
        _upstream.Dispose();
    }
}
