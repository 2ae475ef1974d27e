using Deploy.Git.Tests.Support;

namespace Deploy.Git.Tests;

/// <summary>Clones over smart HTTP (git http-backend behind Kestrel, basic authentication).</summary>
public sealed class HttpCloneTests(HttpServerFixture fixture) : IClassFixture<HttpServerFixture>, IDisposable
{
    private readonly Upstream _upstream = fixture.NewUpstream();
    private readonly BuildDriver _driver = new();

    private GitHttpServer Server => fixture.Server;

    private string Url => Server.UrlOf(_upstream);

    private string Workspace => Path.Combine(_driver.Temp, "workspace", Path.GetFileNameWithoutExtension(_upstream.Bare));

    private string[] WithToken(params string[] arguments) => ["--repository", Url, "--git-token", Server.Password, .. arguments];

    [Fact]
    public async Task A_branch_is_cloned_shallow_with_a_token()
    {
        _upstream.Commit("a.txt", "a\n", "Second");
        var tip = _upstream.Commit("b.txt", "b\n", "Third");

        var checkout = await Clones.SucceedAsync(_driver, WithToken());

        Assert.Equal(tip, checkout.Commit);
        Assert.Equal("refs/heads/main", checkout.Ref);
        Assert.True(checkout.IsShallow);
        Assert.Equal("1", _upstream.CountCommits(Workspace));
        Assert.Equal("b\n", File.ReadAllText(Path.Combine(Workspace, "b.txt")));
    }

    [Fact]
    public async Task Depth_zero_fetches_all_history()
    {
        _upstream.Commit("a.txt", "a\n", "Second");

        var checkout = await Clones.SucceedAsync(_driver, WithToken("--depth", "0"));

        Assert.False(checkout.IsShallow);
        Assert.Equal("2", _upstream.CountCommits(Workspace));
    }

    [Fact]
    public async Task A_shallow_workspace_is_updated_after_new_upstream_commits()
    {
        await Clones.SucceedAsync(_driver, WithToken());
        for (var i = 0; i < 3; i++)
        {
            _upstream.Commit($"new{i}.txt", $"{i}\n", $"New commit {i}");
        }

        var checkout = await Clones.SucceedAsync(_driver, WithToken());

        Assert.True(checkout.Updated);
        Assert.Equal(_upstream.Head, checkout.Commit);
        Assert.True(File.Exists(Path.Combine(Workspace, "new2.txt")));
        Assert.Equal("", _upstream.Git(Workspace, "status", "--porcelain"));
    }

    [Fact]
    public async Task A_shallow_workspace_follows_an_upstream_force_push()
    {
        _upstream.Commit("app.txt", "before\n", "Soon rewritten");
        await Clones.SucceedAsync(_driver, WithToken());

        var rewritten = _upstream.ForcePush("app.txt", "after\n", "Rewritten");
        var checkout = await Clones.SucceedAsync(_driver, WithToken());

        Assert.Equal(rewritten, checkout.Commit);
        Assert.Equal("after\n", File.ReadAllText(Path.Combine(Workspace, "app.txt")));
    }

    [Fact]
    public async Task A_tag_and_a_commit_deep_in_a_shallow_workspace_s_history_are_checked_out()
    {
        var old = _upstream.Commit("app.txt", "old\n", "Old");
        _upstream.Tag("v1");
        _upstream.Commit("app.txt", "new\n", "New");
        await Clones.SucceedAsync(_driver, WithToken());

        var tagged = await Clones.SucceedAsync(_driver, WithToken("--ref", "v1"));
        Assert.Equal(old, tagged.Commit);
        Assert.Equal("v1", tagged.Tag);

        var first = _upstream.Git(_upstream.Work, "rev-list", "--max-parents=0", "HEAD");
        var deep = await Clones.SucceedAsync(_driver, WithToken("--ref", first[..10]));
        Assert.Equal(first, deep.Commit);
        Assert.Null(deep.Ref);
    }

    [Fact]
    public async Task A_wrong_password_fails_at_once_and_the_password_appears_nowhere()
    {
        const string Wrong = "not-the-password-1234";
        var url = Url.Replace("http://", $"http://deploy:{Wrong}@", StringComparison.Ordinal);
        var before = Server.Requests;

        var result = await Clones.FailAsync(_driver, "--repository", url);

        var shown = url.Replace($"deploy:{Wrong}", "***", StringComparison.Ordinal);
        Assert.Contains($"{shown} refused the credentials given (HTTP 401). Check --git-token, or the user name and password in --repository.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, result.Everything + result.LogFile + result.RunRecordText, StringComparison.Ordinal);
        Assert.DoesNotContain("retrying", result.Output, StringComparison.Ordinal);
        Assert.True(Server.Requests - before <= 3, $"{Server.Requests - before} requests: a refused password is not retried");
        Assert.DoesNotContain(Wrong, File.Exists(Path.Combine(Workspace, ".git", "config")) ? File.ReadAllText(Path.Combine(Workspace, ".git", "config")) : "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_the_error_says_which_to_pass()
    {
        var result = await Clones.FailAsync(_driver, "--repository", Url);

        Assert.Contains($"{Url} requires authentication, and no credentials were given. Pass --git-token (HTTPS)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_masked_in_the_log_the_record_and_the_git_config()
    {
        var (result, _) = await Clones.RunAsync(_driver, WithToken("--verbosity", "verbose"));

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(Server.Password, result.Everything + result.LogFile + result.RunRecordText, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.Password, File.ReadAllText(Path.Combine(Workspace, ".git", "config")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_in_the_url_is_masked_and_not_stored()
    {
        var url = Url.Replace("http://", $"http://deploy:{Server.Password}@", StringComparison.Ordinal);

        var (result, checkout) = await Clones.RunAsync(_driver, "--repository", url, "--verbosity", "verbose");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Url.Replace("http://", "http://***@", StringComparison.Ordinal), checkout!.Repository);
        Assert.DoesNotContain(Server.Password, result.Output + result.LogFile + result.RunRecordText, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.Password, File.ReadAllText(Path.Combine(Workspace, ".git", "config")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_server_error_is_retried()
    {
        Server.FailNextRequests(2);

        var (result, checkout) = await Clones.RunAsync(_driver, WithToken("--git-retry-delay", "00:00:00.010"));

        Assert.True(result.ExitCode == 0, result.Everything);
        Assert.Equal(_upstream.Head, checkout!.Commit);
        Assert.Contains("(attempt 1 of 4)", result.Output, StringComparison.Ordinal);
        Assert.Contains("(attempt 2 of 4)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_host_is_retried_then_reported()
    {
        var closed = $"http://127.0.0.1:{FreePort.Next()}/nothing.git";

        var result = await Clones.FailAsync(_driver, "--repository", closed, "--git-retries", "2", "--git-retry-delay", "00:00:00.010");

        Assert.Contains("(attempt 1 of 3)", result.Output, StringComparison.Ordinal);
        Assert.Contains("(attempt 2 of 3)", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{closed} could not be reached: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("Gave up after 3 attempts.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_that_does_not_exist_is_not_retried()
    {
        var missing = $"{Server.BaseUrl}/missing.git";

        var result = await Clones.FailAsync(_driver, "--repository", missing, "--git-token", Server.Password);

        Assert.Contains($"There is no git repository at {missing}", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("retrying", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_during_a_fetch_aborts_the_target_and_removes_the_half_made_clone()
    {
        Server.HoldResponses();
        using var cancellation = new CancellationTokenSource();
        var build = new CloneBuild();
        var run = _driver.RunAsync(build, ["Clone", .. WithToken()], cancellation.Token);

        await Server.Held.WaitAsync(TimeSpan.FromSeconds(60));
        await cancellation.CancelAsync();
        Server.Release();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("Aborted", result.Target("Clone").GetProperty("status").GetString());
        Assert.False(Directory.Exists(Workspace) && Directory.EnumerateFileSystemEntries(Workspace).Any());
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("no such repository")]
    [InlineData("unreachable")]
    public async Task A_refused_first_clone_leaves_no_workspace_directory_behind(string refusal)
    {
        string[] arguments = refusal switch
        {
            "wrong password" => ["--repository", Url.Replace("http://", "http://deploy:wrong-password@", StringComparison.Ordinal)],
            "no such repository" => ["--repository", $"{Server.BaseUrl}/missing.git", "--git-token", Server.Password],
            _ => ["--repository", $"http://127.0.0.1:{FreePort.Next()}/{Path.GetFileName(_upstream.Bare)}", "--git-retries", "0"],
        };

        await Clones.FailAsync(_driver, arguments);

        var workspace = Path.Combine(_driver.Temp, "workspace", refusal == "no such repository" ? "missing" : Path.GetFileNameWithoutExtension(_upstream.Bare));
        var parent = Path.GetDirectoryName(workspace)!;
        Assert.False(Directory.Exists(workspace), $"'{workspace}' was left behind");
        Assert.False(Directory.Exists(parent), $"'{parent}', which the clone created, was left behind");
        Assert.True(Directory.Exists(_driver.Temp));
    }

    [Fact]
    public async Task A_refused_clone_into_an_empty_directory_that_was_there_leaves_it_there()
    {
        Directory.CreateDirectory(Workspace);

        await Clones.FailAsync(_driver, "--repository", Url);

        Assert.True(Directory.Exists(Workspace));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Workspace));
    }

    [Fact]
    public async Task A_refused_update_leaves_the_workspace_as_it_was()
    {
        var cloned = await Clones.SucceedAsync(_driver, WithToken());
        var config = File.ReadAllText(Path.Combine(Workspace, ".git", "config"));
        var files = Snapshot(Workspace);
        _upstream.Commit("later.txt", "later\n", "Later");

        // The same repository with other credentials: an update, refused, whose URL (with a user) differs from origin's.
        var result = await Clones.FailAsync(_driver, "--repository", Url.Replace("http://", "http://deploy:wrong-password@", StringComparison.Ordinal));

        Assert.Contains("refused the credentials given (HTTP 401)", result.Output, StringComparison.Ordinal);
        Assert.Equal(cloned.Commit, _upstream.Git(Workspace, "rev-parse", "HEAD"));
        Assert.Equal(config, File.ReadAllText(Path.Combine(Workspace, ".git", "config")));
        Assert.Equal(files, Snapshot(Workspace));
        Assert.Equal("", _upstream.Git(Workspace, "status", "--porcelain"));
    }

    /// <summary>The working tree's files (not .git) with their contents.</summary>
    private static string Snapshot(string directory) => string.Join(
        "\n",
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(directory, file).StartsWith(".git", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(file => $"{Path.GetRelativePath(directory, file)}: {File.ReadAllText(file)}"));

    public void Dispose() => _driver.Dispose();
}
