using Deploy.Git.Tests.Support;

namespace Deploy.Git.Tests;

/// <summary>Without --repository a build builds the checkout it stands in (real git makes the checkout).</summary>
public sealed class CheckoutModeTests : IDisposable
{
    private readonly Upstream _git = new();
    private readonly BuildDriver _driver = new();

    private string Root => _driver.Root;

    /// <summary>Makes the driver's root a git checkout with one commit (its .nuke/ ignored, as a real repository's is).</summary>
    private string CommitRoot()
    {
        _git.Git(Root, "init", "--quiet", "--initial-branch", "main");
        File.WriteAllText(Path.Combine(Root, ".gitignore"), ".nuke/\nbin/\n");
        File.WriteAllText(Path.Combine(Root, "app.txt"), "one\n");
        _git.Git(Root, "add", "--all");
        _git.Git(Root, "commit", "--quiet", "-m", "The service");
        return _git.Git(Root, "rev-parse", "HEAD");
    }

    private async Task<(BuildResult Result, GitCheckout? Checkout)> SourceAsync()
    {
        var build = new CloneBuild();
        var result = await _driver.RunAsync(build, ["Source"]);
        Assert.True(result.ExitCode == 0, $"Source exited with {result.ExitCode}:\n{result.Everything}");
        return (result, build.Result);
    }

    [Fact]
    public async Task The_checkout_s_commit_is_read_and_Clone_does_not_run()
    {
        var head = CommitRoot();
        var (result, checkout) = await SourceAsync();

        Assert.NotNull(checkout);
        Assert.Equal(head, checkout.Commit);
        Assert.Equal(_git.Git(Root, "rev-parse", "--short", "HEAD"), checkout.Version);
        Assert.False(checkout.Dirty);
        Assert.Equal("refs/heads/main", checkout.Ref);
        Assert.Equal("Skipped", result.StatusOf("Clone"));
        Assert.Equal($"building the checkout at {Root}", result.Target("Clone").GetProperty("reason").GetString());
        Assert.False(Directory.Exists(Path.Combine(_driver.Temp, "workspace")));
        Assert.Equal(head, result.OutputOf("Source", "commit"));
        Assert.Equal("false", result.OutputOf("Source", "dirty"));
        Assert.Equal(checkout.Version, result.OutputOf("Source", "version"));
    }

    [Fact]
    public async Task A_modified_tracked_file_makes_the_version_dirty()
    {
        CommitRoot();
        File.AppendAllText(Path.Combine(Root, "app.txt"), "two\n");

        var (result, checkout) = await SourceAsync();

        Assert.True(checkout!.Dirty);
        Assert.Equal(_git.Git(Root, "rev-parse", "--short", "HEAD") + "-dirty", checkout.Version);
        Assert.Equal("true", result.OutputOf("Source", "dirty"));
        Assert.Equal(checkout.Version, result.OutputOf("Source", "version"));
    }

    [Fact]
    public async Task An_untracked_file_counts_and_an_ignored_one_does_not()
    {
        CommitRoot();
        Directory.CreateDirectory(Path.Combine(Root, "bin"));
        File.WriteAllText(Path.Combine(Root, "bin", "app.dll"), "built");

        Assert.False((await SourceAsync()).Checkout!.Dirty);

        File.WriteAllText(Path.Combine(Root, "new.cs"), "// new source\n");

        Assert.True((await SourceAsync()).Checkout!.Dirty);
    }

    [Fact]
    public async Task Outside_git_the_build_warns_once_and_records_no_commit()
    {
        var (result, checkout) = await SourceAsync();

        Assert.Null(checkout);
        Assert.Null(result.OutputOf("Source", "commit"));
        var warning = $"The build's root {Root} is not inside a git repository, so the image is tagged dev";
        Assert.Single(result.LogFile.Split('\n'), line => line.Contains(warning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_repository_Clone_runs_and_Source_is_skipped()
    {
        CommitRoot();
        var build = new CloneBuild();

        var result = await _driver.RunAsync(build, ["Source", "--repository", _git.Bare]);

        Assert.True(result.ExitCode == 0, result.Everything);
        Assert.Equal("Succeeded", result.StatusOf("Clone"));
        Assert.Equal("Skipped", result.StatusOf("Source"));
        Assert.Equal(_git.Head, build.Result!.Commit);
        Assert.Equal(Path.Combine(_driver.Temp, "workspace", "service"), build.Result.Workspace);
    }

    public void Dispose()
    {
        _driver.Dispose();
        _git.Dispose();
    }
}
