using System.Text.Json.Serialization;

namespace Deploy.Git;

/// <summary>
/// What <see cref="IClone.Clone"/> checked out, for the targets after it: <c>((IClone)this).Checkout!.Commit</c>.
/// </summary>
/// <param name="Repository">The repository cloned, as shown in the log (credentials masked).</param>
/// <param name="Workspace">The absolute path of the working tree.</param>
/// <param name="Commit">The full SHA of the commit checked out.</param>
/// <param name="ShortCommit">The shortest unambiguous prefix of <paramref name="Commit"/>, at least 7 characters.</param>
/// <param name="Ref">The full name of the ref checked out (<c>refs/heads/main</c>, <c>refs/tags/v1.2</c>), or null for a bare commit.</param>
/// <param name="Tag">A tag pointing at the commit (the requested one when a tag was asked for), or null.</param>
/// <param name="Subject">The first line of the commit message.</param>
/// <param name="IsShallow">True when the workspace holds only part of the history (<c>--depth</c>).</param>
/// <param name="Updated">True when an existing workspace was updated rather than cloned afresh.</param>
/// <param name="Dirty">
/// True when the working tree differs from <paramref name="Commit"/>: a tracked file changed (in the working tree or
/// the index), or an untracked file that git does not ignore. Only the build's own checkout can be; a clone is checked
/// out clean.
/// </param>
/// <param name="CommitTime">When the commit was made (its committer time); null when not known.</param>
public sealed record GitCheckout(
    string Repository,
    string Workspace,
    string Commit,
    string ShortCommit,
    string? Ref,
    string? Tag,
    string Subject,
    bool IsShallow,
    bool Updated,
    bool Dirty = false,
    DateTimeOffset? CommitTime = null)
{
    /// <summary>What images are tagged with: <see cref="ShortCommit"/>, plus <c>-dirty</c> when <see cref="Dirty"/>.</summary>
    [JsonIgnore]
    public string Version => Dirty ? ShortCommit + "-dirty" : ShortCommit;

    /// <summary>The short form of <see cref="Ref"/>: <c>main</c> for <c>refs/heads/main</c>, <c>v1.2</c> for <c>refs/tags/v1.2</c>.</summary>
    [JsonIgnore]
    public string? RefName => Ref switch
    {
        null => null,
        _ when Ref.StartsWith("refs/heads/", StringComparison.Ordinal) => Ref["refs/heads/".Length..],
        _ when Ref.StartsWith("refs/tags/", StringComparison.Ordinal) => Ref["refs/tags/".Length..],
        _ => Ref,
    };
}
