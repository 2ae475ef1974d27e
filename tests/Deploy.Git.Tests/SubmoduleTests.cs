using Deploy.Git.Tests.Support;

namespace Deploy.Git.Tests;

/// <summary>--submodules checks out submodules (relative URLs, nested ones) at the commits the superproject records.</summary>
public sealed class SubmoduleTests(HttpServerFixture fixture) : IClassFixture<HttpServerFixture>, IDisposable
{
    private readonly BuildDriver _driver = new();
    private readonly string _local = Scratch.Directory("submodules");

    [Fact]
    public async Task A_submodule_with_a_relative_url_is_checked_out_from_a_local_repository()
    {
        using var library = new Upstream("library", root: _local);
        var libraryCommit = library.Commit("lib.txt", "lib v1\n", "Library v1");
        using var app = new Upstream("app", root: _local);
        app.AddSubmodule("../library.git", "vendor/library");
        var workspace = Path.Combine(_driver.Temp, "workspace", "app");

        await Clones.SucceedAsync(_driver, "--repository", app.Bare, "--submodules");

        Assert.Equal("lib v1\n", File.ReadAllText(Path.Combine(workspace, "vendor", "library", "lib.txt")));
        Assert.Equal(libraryCommit, app.Git(Path.Combine(workspace, "vendor", "library"), "rev-parse", "HEAD"));

        // The superproject moves its submodule to a newer commit: an update follows it.
        library.Commit("lib.txt", "lib v2\n", "Library v2");
        app.Git(Path.Combine(app.Work, "vendor", "library"), "pull", "--quiet", "origin", "main");
        app.Git(app.Work, "commit", "--quiet", "-am", "Use library v2");
        app.Git(app.Work, "push", "--quiet", "origin", "HEAD");

        await Clones.SucceedAsync(_driver, "--repository", app.Bare, "--submodules");

        Assert.Equal("lib v2\n", File.ReadAllText(Path.Combine(workspace, "vendor", "library", "lib.txt")));
    }

    [Fact]
    public async Task Without_the_flag_submodules_stay_empty()
    {
        using var library = new Upstream("library", root: _local);
        using var app = new Upstream("app", root: _local);
        app.AddSubmodule("../library.git", "vendor/library");

        var checkout = await Clones.SucceedAsync(_driver, "--repository", app.Bare);

        Assert.False(File.Exists(Path.Combine(checkout.Workspace, "vendor", "library", "README.md")));
    }

    [Fact]
    public async Task Nested_submodules_over_http_use_the_same_token_and_depth()
    {
        var root = fixture.Server.Root;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        using var inner = new Upstream("inner-" + suffix, root: root);
        inner.Commit("inner.txt", "inner\n", "Inner");
        using var middle = new Upstream("middle-" + suffix, root: root);
        middle.AddSubmodule($"../inner-{suffix}.git", "inner");
        using var outer = new Upstream("outer-" + suffix, root: root);
        outer.AddSubmodule($"../middle-{suffix}.git", "middle");

        var checkout = await Clones.SucceedAsync(_driver, "--repository", fixture.Server.UrlOf(outer), "--git-token", fixture.Server.Password, "--submodules");

        Assert.Equal("inner\n", File.ReadAllText(Path.Combine(checkout.Workspace, "middle", "inner", "inner.txt")));
        Assert.Equal("1", outer.CountCommits(Path.Combine(checkout.Workspace, "middle", "inner")));
    }

    public void Dispose()
    {
        _driver.Dispose();
        Scratch.Delete(_local);
    }
}
