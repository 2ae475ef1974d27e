namespace Deploy.Docker.Context;

/// <summary>
/// The rules of a <c>.dockerignore</c> file, applied as Docker applies them: lines in order, the last one that
/// matches a path (or one of its parent directories) decides; a <c>!</c> line re-includes. The Dockerfile and
/// the <c>.dockerignore</c> itself are always sent.
/// See https://docs.docker.com/build/concepts/context/#dockerignore-files.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly IReadOnlyList<IgnorePattern> _patterns;
    private readonly HashSet<string> _alwaysSent;

    public DockerIgnore(IEnumerable<string> lines, IEnumerable<string>? alwaysSent = null)
    {
        _patterns = lines.Select(IgnorePattern.Parse).OfType<IgnorePattern>().ToList();
        _alwaysSent = new HashSet<string>(alwaysSent ?? [], StringComparer.Ordinal);
        HasExceptions = _patterns.Any(p => p.IsException);
    }

    /// <summary>Whether some line starts with <c>!</c>: then an excluded directory still has to be walked.</summary>
    public bool HasExceptions { get; }

    /// <summary>
    /// Whether the excluded directory <paramref name="directory"/> (context-relative, <c>/</c>-separated) still has to
    /// be walked: a <c>!</c> line might bring back something inside it, or the Dockerfile is inside it
    /// (<c>--dockerfile build/Dockerfile</c> with a <c>.dockerignore</c> of <c>*</c>: Docker still sends it).
    /// </summary>
    public bool MayKeepSomethingIn(string directory) =>
        HasExceptions || _alwaysSent.Any(path => path.StartsWith(directory + "/", StringComparison.Ordinal));

    /// <summary>The rules of <c>.dockerignore</c> in <paramref name="contextDirectory"/> (none when it has none).</summary>
    public static async Task<DockerIgnore> ReadAsync(string contextDirectory, string dockerfile, CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(contextDirectory, ".dockerignore");
        var lines = File.Exists(file) ? await File.ReadAllLinesAsync(file, cancellationToken).ConfigureAwait(false) : [];
        return new DockerIgnore(lines, [".dockerignore", IgnorePattern.Clean(dockerfile.Replace('\\', '/'))]);
    }

    /// <summary>Whether the context-relative, <c>/</c>-separated <paramref name="path"/> stays out of the context.</summary>
    public bool Excludes(string path)
    {
        if (_alwaysSent.Contains(path))
        {
            return false;
        }

        var parents = ParentsOf(path);
        var matched = false;
        foreach (var pattern in _patterns)
        {
            // An exclusion line only matters when something matched so far, a plain line only when nothing did.
            if (pattern.IsException != matched)
            {
                continue;
            }

            var match = pattern.Matches(path) || parents.Any(pattern.Matches);
            if (match)
            {
                matched = !pattern.IsException;
            }
        }

        return matched;
    }

    private static List<string> ParentsOf(string path)
    {
        var parents = new List<string>();
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            parents.Add(path[..slash]);
        }

        return parents;
    }
}
