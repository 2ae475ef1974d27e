namespace Deploy.Git.LibGit2;

/// <summary>A ref the remote advertises. <see cref="Commit"/> is what an annotated tag points at, peeled.</summary>
internal sealed record RemoteRef(string Name, string Sha, string? PeeledSha = null)
{
    public string Commit => PeeledSha ?? Sha;
}

/// <summary>What <c>git ls-remote</c> would print: the refs, and where the remote's HEAD points.</summary>
internal sealed record RemoteRefs(IReadOnlyList<RemoteRef> Refs, string? HeadTarget, string? HeadSha);
