using Deploy.Git.Tests.Support;

namespace Deploy.Git.Tests;

/// <summary>Clones from a local path and a file:// URL (libgit2's local transport).</summary>
public sealed class LocalCloneTests : IDisposable
{
    private readonly Upstream _upstream = new();
    private readonly BuildDriver _driver = new();

    private string Workspace => Path.Combine(_driver.Temp, "workspace", "service");

    public static TheoryData<bool> Both => new() { true, false };

    private string Url(bool fileUrl) => fileUrl ? _upstream.FileUrl : _upstream.Bare;

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_branch_is_cloned_into_the_default_workspace(bool fileUrl)
    {
        _upstream.Branch("feature");
        var tip = _upstream.Commit("feature.txt", "feature\n", "Add the feature");

        var checkout = await Clones.SucceedAsync(_driver, "--repository", Url(fileUrl), "--ref", "feature");

        Assert.Equal(tip, checkout.Commit);
        Assert.Equal("refs/heads/feature", checkout.Ref);
        Assert.Equal("Add the feature", checkout.Subject);
        Assert.Equal(Workspace, checkout.Workspace);
        Assert.Equal("feature\n", File.ReadAllText(Path.Combine(Workspace, "feature.txt")));
        Assert.Equal("feature", _upstream.Git(Workspace, "symbolic-ref", "--short", "HEAD"));
        Assert.False(checkout.Updated);
    }

    [Fact]
    public async Task The_default_branch_is_checked_out_when_no_ref_is_given()
    {
        var main = _upstream.Head;
        _upstream.Branch("other");
        _upstream.Commit("other.txt", "other\n", "On another branch");

        var checkout = await Clones.SucceedAsync(_driver, "--repository", _upstream.Bare);

        Assert.Equal(main, checkout.Commit);
        Assert.Equal("refs/heads/main", checkout.Ref);
        Assert.False(File.Exists(Path.Combine(Workspace, "other.txt")));
    }

    [Fact]
    public async Task The_outputs_reach_the_run_record()
    {
        var tip = _upstream.Commit("app.txt", "v1\n", "Release one");
        _upstream.Tag("v1.0.0");

        var (result, checkout) = await Clones.RunAsync(_driver, "--repository", _upstream.Bare);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(tip, result.OutputOf("Clone", "commit"));
        Assert.Equal(checkout!.ShortCommit, result.OutputOf("Clone", "shortCommit"));
        Assert.StartsWith(result.OutputOf("Clone", "shortCommit")!, tip, StringComparison.Ordinal);
        Assert.Equal("refs/heads/main", result.OutputOf("Clone", "ref"));
        Assert.Equal("v1.0.0", result.OutputOf("Clone", "tag"));
        Assert.Equal("Release one", result.OutputOf("Clone", "subject"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_tag_is_checked_out_detached(bool lightweight)
    {
        var tagged = _upstream.Commit("app.txt", "v2\n", "Release two");
        _upstream.Tag("v2.0.0", lightweight);
        _upstream.Commit("app.txt", "v3-dev\n", "Work after the release");

        var checkout = await Clones.SucceedAsync(_driver, "--repository", _upstream.FileUrl, "--ref", "v2.0.0");

        Assert.Equal(tagged, checkout.Commit);
        Assert.Equal("refs/tags/v2.0.0", checkout.Ref);
        Assert.Equal("v2.0.0", checkout.Tag);
        Assert.Equal("v2\n", File.ReadAllText(Path.Combine(Workspace, "app.txt")));
        Assert.Equal(tagged, _upstream.Git(Workspace, "rev-parse", "HEAD"));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(8)]
    public async Task A_commit_no_ref_points_at_is_found_by_its_full_or_short_sha(int length)
    {
        var old = _upstream.Commit("app.txt", "old\n", "An old commit");
        _upstream.Commit("app.txt", "new\n", "A newer commit");

        var checkout = await Clones.SucceedAsync(_driver, "--repository", _upstream.Bare, "--ref", old[..length]);

        Assert.Equal(old, checkout.Commit);
        Assert.Null(checkout.Ref);
        Assert.Equal("old\n", File.ReadAllText(Path.Combine(Workspace, "app.txt")));
    }

    [Fact]
    public async Task An_existing_workspace_is_updated_after_new_upstream_commits()
    {
        await Clones.SucceedAsync(_driver, "--repository", _upstream.Bare);
        _upstream.Commit("added.txt", "added\n", "Add a file");
        var tip = _upstream.Commit("README.md", "changed\n", "Change the readme");

        var checkout = await Clones.SucceedAsync(_driver, "--repository", _upstream.Bare);

        Assert.True(checkout.Updated);
        Assert.Equal(tip, checkout.Commit);
        Assert.Equal("added\n", File.ReadAllText(Path.Combine(Workspace, "added.txt")));
        Assert.Equal("changed\n", File.ReadAllText(Path.Combine(Workspace, "README.md")));
        Assert.Equal("", _upstream.Git(Workspace, "status", "--porcelain"));
    }

    [Fact]
    public async Task An_upstream_force_push_is_followed()
    {
        _upstream.Commit("app.txt", "before\n", "Soon rewritten");
        await Clones.SucceedAsync(_driver, "--repository", _upstream.Bare);

        var rewritten = _upstream.ForcePush("app.txt", "after\n", "Rewritten history");
        var checkout = await Clones.SucceedAsync(_driver, "--repository", _upstream.Bare);

        Assert.Equal(rewritten, checkout.Commit);
        Assert.Equal("after\n", File.ReadAllText(Path.Combine(Workspace, "app.txt")));
        Assert.Equal(rewritten, _upstream.Git(Workspace, "rev-parse", "main"));
    }

    [Fact]
    public async Task Local_edits_are_discarded_with_a_warning_and_ignored_files_stay()
    {
        _upstream.Commit(".gitignore", "bin/\n", "Ignore build outputs");
        await Clones.SucceedAsync(_driver, "--repository", _upstream.Bare);
        File.WriteAllText(Path.Combine(Workspace, "README.md"), "edited locally\n");
        File.WriteAllText(Path.Combine(Workspace, "stray.txt"), "untracked\n");
        Directory.CreateDirectory(Path.Combine(Workspace, "bin"));
        File.WriteAllText(Path.Combine(Workspace, "bin", "cache"), "ignored\n");

        var (result, checkout) = await Clones.RunAsync(_driver, "--repository", _upstream.Bare);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Discarding 2 local change(s) in the workspace: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("README.md", result.Output, StringComparison.Ordinal);
        Assert.Equal("# service\n", File.ReadAllText(Path.Combine(Workspace, "README.md")));
        Assert.False(File.Exists(Path.Combine(Workspace, "stray.txt")));
        Assert.True(File.Exists(Path.Combine(Workspace, "bin", "cache")));
        Assert.True(checkout!.Updated);
    }

    [Fact]
    public async Task A_workspace_holding_a_clone_of_another_repository_is_an_error_that_says_what_to_do()
    {
        using var other = new Upstream("service");
        await Clones.SucceedAsync(_driver, "--repository", other.Bare);

        var result = await Clones.FailAsync(_driver, "--repository", _upstream.Bare);

        Assert.Contains($"The workspace '{Workspace}' is a clone of {other.Bare}, not of {_upstream.Bare}. Delete that directory to clone there, or pass --workspace with another directory.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workspace_that_is_no_clone_is_an_error_and_is_left_alone()
    {
        Directory.CreateDirectory(Workspace);
        File.WriteAllText(Path.Combine(Workspace, "precious.txt"), "mine\n");

        var result = await Clones.FailAsync(_driver, "--repository", _upstream.Bare);

        Assert.Contains($"The workspace '{Workspace}' exists and is not a git clone.", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Workspace, "precious.txt")));
    }

    [Fact]
    public async Task An_unknown_ref_fails_at_once_naming_the_branches_and_tags_there()
    {
        _upstream.Tag("v1");

        var result = await Clones.FailAsync(_driver, "--repository", _upstream.Bare, "--ref", "nope");

        Assert.Contains($"--ref 'nope' is not a branch, tag or commit of {_upstream.Bare}. Branches: main; tags: v1.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("retrying", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Workspace) && Directory.EnumerateFileSystemEntries(Workspace).Any(), "a failed first clone leaves no workspace behind");
    }

    [Fact]
    public async Task An_unknown_sha_fails_after_searching_the_history()
    {
        var result = await Clones.FailAsync(_driver, "--repository", _upstream.Bare, "--ref", "deadbeef");

        Assert.Contains($"--ref 'deadbeef' is no commit of {_upstream.Bare}", result.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _driver.Dispose();
        _upstream.Dispose();
    }
}
