namespace Deploy.Git.Clone;

/// <summary>What a <c>--ref</c> turned out to be.</summary>
internal enum RefKind
{
    Branch,
    Tag,

    /// <summary>The remote's HEAD, detached (it names no branch).</summary>
    Head,

    /// <summary>A commit SHA or prefix.</summary>
    Commit,
}

/// <summary>
/// How to fetch and check out a resolved <c>--ref</c>: the refspecs to fetch, the local ref the fetched tip lands
/// in, the branch to attach HEAD to, and for commits the SHA (or prefix) to look for.
/// </summary>
internal sealed record Resolution(
    RefKind Kind,
    string? RefName,
    string? Branch,
    IReadOnlyList<string> Refspecs,
    string? FetchedRef,
    string? Commit)
{
    /// <summary>Every branch and tag, all history: the way to find a commit no ref points at.</summary>
    public static IReadOnlyList<string> Everything { get; } = ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"];

    public bool SearchesHistory => Kind == RefKind.Commit && FetchedRef is null;
}
