using System.Text.RegularExpressions;
using Deploy.Git.LibGit2;

namespace Deploy.Git.Clone;

/// <summary>
/// Resolves <c>--ref</c> against what the remote advertises, the way <c>git clone --branch</c> and
/// <c>git checkout</c> would: a full ref name, then a branch, then a tag, then a commit SHA or prefix. A branch
/// wins over a tag of the same name.
/// </summary>
internal static partial class RefResolver
{
    private const int ListedNames = 10;

    public static Resolution Resolve(RemoteRefs remote, string? requested, string repository)
    {
        if (requested is null)
        {
            return DefaultBranch(remote, repository);
        }

        var byName = remote.Refs.ToDictionary(r => r.Name, StringComparer.Ordinal);
        if (requested.StartsWith("refs/", StringComparison.Ordinal) && byName.TryGetValue(requested, out var exact))
        {
            return ForRef(exact);
        }

        if (byName.TryGetValue("refs/heads/" + requested, out var branch))
        {
            return ForRef(branch);
        }

        if (byName.TryGetValue("refs/tags/" + requested, out var tag))
        {
            return ForRef(tag);
        }

        if (ShaPattern().IsMatch(requested))
        {
            var sha = requested.ToLowerInvariant();

            // A commit some ref points at can be fetched through that ref, shallow; any other needs the history.
            var tip = remote.Refs
                .Where(r => r.Commit.StartsWith(sha, StringComparison.Ordinal))
                .OrderBy(r => r.Name.StartsWith("refs/heads/", StringComparison.Ordinal) ? 0 : r.Name.StartsWith("refs/tags/", StringComparison.Ordinal) ? 1 : 2)
                .FirstOrDefault();
            return tip is null
                ? new Resolution(RefKind.Commit, null, null, Resolution.Everything, null, sha)
                : ForRef(tip) with { Kind = RefKind.Commit, RefName = null, Branch = null, Commit = sha };
        }

        throw NotFound(remote, requested, repository);
    }

    /// <summary>The tag to report for <paramref name="commit"/>: the requested one, else the highest version.</summary>
    public static string? TagFor(RemoteRefs remote, string commit, Resolution resolution)
    {
        if (resolution.Kind == RefKind.Tag)
        {
            return resolution.RefName!["refs/tags/".Length..];
        }

        return remote.Refs
            .Where(r => r.Name.StartsWith("refs/tags/", StringComparison.Ordinal) && r.Commit == commit)
            .Select(r => r.Name["refs/tags/".Length..])
            .OrderBy(n => n, NaturalComparer.Instance)
            .LastOrDefault();
    }

    private static Resolution DefaultBranch(RemoteRefs remote, string repository)
    {
        if (remote.HeadTarget is { } target && remote.Refs.FirstOrDefault(r => r.Name == target) is { } head)
        {
            return ForRef(head);
        }

        if (remote.HeadSha is not null)
        {
            // A detached HEAD (a local repository checked out at a commit, as CI does): fetch HEAD itself.
            return new Resolution(RefKind.Head, "HEAD", null, ["+HEAD:refs/remotes/origin/HEAD"], "refs/remotes/origin/HEAD", null);
        }

        throw new GitRefNotFoundException(
            remote.Refs.Count == 0
                ? $"{repository} has no commits yet, so there is nothing to check out. Push a commit to it first."
                : $"{repository} does not say which branch is its default. Pass --ref with one of its branches: {Names(remote, "refs/heads/")}.",
            "HEAD")
        {
            Repository = repository,
        };
    }

    private static Resolution ForRef(RemoteRef found)
    {
        var name = found.Name;
        if (name.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            var branch = name["refs/heads/".Length..];
            var local = "refs/remotes/origin/" + branch;
            return new Resolution(RefKind.Branch, name, branch, [$"+{name}:{local}"], local, null);
        }

        if (name.StartsWith("refs/tags/", StringComparison.Ordinal))
        {
            return new Resolution(RefKind.Tag, name, null, [$"+{name}:{name}"], name, null);
        }

        // Any other ref (refs/pull/1/head, refs/changes/…): fetched as is, checked out detached.
        var other = "refs/remotes/origin/" + name["refs/".Length..];
        return new Resolution(RefKind.Head, name, null, [$"+{name}:{other}"], other, null);
    }

    private static GitRefNotFoundException NotFound(RemoteRefs remote, string requested, string repository)
    {
        var looksLikeSha = ShaPattern().IsMatch(requested);
        return new GitRefNotFoundException(
            $"--ref '{requested}' is not a branch, tag{(looksLikeSha ? "" : " or commit")} of {repository}. " +
            $"Branches: {Names(remote, "refs/heads/")}; tags: {Names(remote, "refs/tags/")}.",
            requested)
        {
            Repository = repository,
        };
    }

    /// <summary>The commit a search for a SHA did not find.</summary>
    public static GitRefNotFoundException CommitNotFound(string requested, string repository) => new(
        $"--ref '{requested}' is no commit of {repository}: no branch or tag there contains it. Check the SHA, or pass a branch or tag.",
        requested)
    {
        Repository = repository,
    };

    private static string Names(RemoteRefs remote, string prefix)
    {
        var names = remote.Refs.Where(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.Name[prefix.Length..]).Order(StringComparer.Ordinal).ToList();
        return names.Count switch
        {
            0 => "none",
            <= ListedNames => string.Join(", ", names),
            _ => string.Join(", ", names.Take(ListedNames)) + $" and {names.Count - ListedNames} more",
        };
    }

    [GeneratedRegex("^[0-9a-fA-F]{4,64}$")]
    private static partial Regex ShaPattern();

    /// <summary>Orders v1.9 before v1.10: digit runs compare as numbers.</summary>
    private sealed partial class NaturalComparer : IComparer<string>
    {
        public static NaturalComparer Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            var left = Chunks().Matches(x ?? "");
            var right = Chunks().Matches(y ?? "");
            for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
            {
                var a = left[i].Value;
                var b = right[i].Value;
                var result = char.IsAsciiDigit(a[0]) && char.IsAsciiDigit(b[0])
                    ? a.TrimStart('0').Length != b.TrimStart('0').Length
                        ? a.TrimStart('0').Length.CompareTo(b.TrimStart('0').Length)
                        : string.CompareOrdinal(a.TrimStart('0'), b.TrimStart('0'))
                    : string.CompareOrdinal(a, b);
                if (result != 0)
                {
                    return result;
                }
            }

            return left.Count.CompareTo(right.Count);
        }

        [GeneratedRegex(@"\d+|\D+")]
        private static partial Regex Chunks();
    }
}
