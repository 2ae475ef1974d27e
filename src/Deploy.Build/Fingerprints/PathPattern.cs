namespace Deploy.Build.Fingerprints;

/// <summary>
/// One <c>.gitignore</c> line, with git's meaning (https://git-scm.com/docs/gitignore#_pattern_format): a pattern
/// without a <c>/</c> (but a trailing one) matches a name at any depth; one with a <c>/</c> at the start or in the
/// middle is anchored at the file's directory; a trailing <c>/</c> matches directories only; <c>**</c> as a whole
/// segment is any number of directories; <c>!</c> negates; <c>#</c> starts a comment; <c>\</c> escapes.
/// </summary>
internal sealed class PathPattern
{
    private readonly string[] _segments;
    private readonly bool _anchored;

    private PathPattern(string text, bool negated, bool directoryOnly, bool anchored, string[] segments)
    {
        Text = text;
        Negated = negated;
        DirectoryOnly = directoryOnly;
        _anchored = anchored;
        _segments = segments;
    }

    /// <summary>The line as written (trimmed).</summary>
    public string Text { get; }

    /// <summary>A <c>!</c> line: it takes back what an earlier line matched.</summary>
    public bool Negated { get; }

    /// <summary>A line ending in <c>/</c>: it matches directories only.</summary>
    public bool DirectoryOnly { get; }

    /// <summary>Parses one line; null for a blank line, a comment, or a line that is only <c>!</c> or <c>/</c>.</summary>
    public static PathPattern? Parse(string line)
    {
        var text = TrimTrailingSpaces(line.TrimStart());
        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        var negated = text[0] == '!';
        var body = negated ? text[1..] : text;
        if (body.StartsWith("\\!", StringComparison.Ordinal) || body.StartsWith("\\#", StringComparison.Ordinal))
        {
            body = body[1..];
        }

        var directoryOnly = body.EndsWith('/');
        body = body.TrimEnd('/');
        var anchored = body.Contains('/', StringComparison.Ordinal);
        body = body.TrimStart('/');
        if (body.Length == 0)
        {
            return null;
        }

        var segments = body.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return new PathPattern(text, negated, directoryOnly, anchored, segments);
    }

    /// <summary>
    /// Whether the pattern matches the entry at <paramref name="path"/> (relative to the pattern's directory,
    /// <c>/</c>-separated) whose last segment is <paramref name="name"/>.
    /// </summary>
    public bool Matches(string path, string name, bool isDirectory)
    {
        if (DirectoryOnly && !isDirectory)
        {
            return false;
        }

        return _anchored ? MatchesFrom(0, path, 0) : Wildcard.Matches(_segments[0], name);
    }

    /// <summary>Segments <paramref name="segment"/>.. of the pattern against the path from <paramref name="start"/> (past its end: no segment left).</summary>
    private bool MatchesFrom(int segment, string path, int start)
    {
        if (segment == _segments.Length)
        {
            return start > path.Length;
        }

        if (_segments[segment] == "**")
        {
            // Trailing "**": everything inside (at least one segment); elsewhere: zero or more directories.
            if (segment == _segments.Length - 1)
            {
                return start <= path.Length;
            }

            for (var next = start; next <= path.Length; next = NextSegment(path, next))
            {
                if (MatchesFrom(segment + 1, path, next))
                {
                    return true;
                }
            }

            return false;
        }

        if (start > path.Length)
        {
            return false;
        }

        var end = NextSegment(path, start) - 1;
        return Wildcard.Matches(_segments[segment], path.AsSpan(start, end - start)) && MatchesFrom(segment + 1, path, end + 1);
    }

    /// <summary>Where the segment after the one starting at <paramref name="start"/> starts (past the end for the last).</summary>
    private static int NextSegment(string path, int start)
    {
        var slash = path.IndexOf('/', start);
        return slash < 0 ? path.Length + 1 : slash + 1;
    }

    /// <summary>Trailing spaces are dropped unless escaped with a backslash (git's rule).</summary>
    private static string TrimTrailingSpaces(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] is ' ' or '\t' or '\r' or '\n')
        {
            if (line[end - 1] == ' ' && end > 1 && line[end - 2] == '\\')
            {
                break;
            }

            end--;
        }

        return line[..end];
    }

    public override string ToString() => Text;
}
