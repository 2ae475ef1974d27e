using Deploy.Git.Clone;
using Deploy.Git.LibGit2;

namespace Deploy.Git.Tests;

/// <summary>How --ref is matched against what a remote advertises.</summary>
public sealed class RefResolverTests
{
    private const string Main = "1111111111111111111111111111111111111111";
    private const string Tagged = "2222222222222222222222222222222222222222";
    private const string TagObject = "3333333333333333333333333333333333333333";

    private static readonly RemoteRefs Remote = new(
        [
            new RemoteRef("refs/heads/main", Main),
            new RemoteRef("refs/heads/v1", Main),
            new RemoteRef("refs/tags/v1", TagObject, Tagged),
            new RemoteRef("refs/tags/v1.10", Tagged),
            new RemoteRef("refs/tags/v1.9", Tagged),
            new RemoteRef("refs/pull/7/head", Tagged),
        ],
        "refs/heads/main",
        Main);

    [Fact]
    public void No_ref_means_the_remote_s_default_branch()
    {
        var resolution = RefResolver.Resolve(Remote, null, "repo");

        Assert.Equal(RefKind.Branch, resolution.Kind);
        Assert.Equal("main", resolution.Branch);
        Assert.Equal(["+refs/heads/main:refs/remotes/origin/main"], resolution.Refspecs);
    }

    [Fact]
    public void A_branch_wins_over_a_tag_of_the_same_name_and_a_full_name_picks_either()
    {
        Assert.Equal(RefKind.Branch, RefResolver.Resolve(Remote, "v1", "repo").Kind);
        Assert.Equal(RefKind.Tag, RefResolver.Resolve(Remote, "refs/tags/v1", "repo").Kind);
    }

    [Fact]
    public void A_sha_at_a_tip_is_fetched_through_that_ref_and_any_other_searches_the_history()
    {
        var atTip = RefResolver.Resolve(Remote, "2222222", "repo");
        Assert.Equal(RefKind.Commit, atTip.Kind);
        Assert.Equal(["+refs/tags/v1:refs/tags/v1"], atTip.Refspecs);

        var deep = RefResolver.Resolve(Remote, "abcdef12", "repo");
        Assert.True(deep.SearchesHistory);
    }

    [Fact]
    public void The_tag_reported_is_the_requested_one_or_the_highest_version()
    {
        Assert.Equal("v1", RefResolver.TagFor(Remote, Tagged, RefResolver.Resolve(Remote, "refs/tags/v1", "repo")));
        Assert.Equal("v1.10", RefResolver.TagFor(Remote, Tagged, RefResolver.Resolve(Remote, "refs/pull/7/head", "repo")));
        Assert.Null(RefResolver.TagFor(Remote, Main, RefResolver.Resolve(Remote, "main", "repo")));
    }

    [Fact]
    public void An_unknown_name_lists_what_there_is()
    {
        var exception = Assert.Throws<GitRefNotFoundException>(() => RefResolver.Resolve(Remote, "develop", "https://host/app.git"));

        Assert.Equal("--ref 'develop' is not a branch, tag or commit of https://host/app.git. Branches: main, v1; tags: v1, v1.10, v1.9.", exception.Message);
        Assert.Equal("develop", exception.RequestedRef);
    }

    [Fact]
    public void The_internal_members_shallow_fetches_use_exist_in_this_LibGit2Sharp() => DepthFetch.EnsureSupported();
}
