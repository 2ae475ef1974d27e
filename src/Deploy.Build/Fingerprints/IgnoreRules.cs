namespace Deploy.Build.Fingerprints;

/// <summary>
/// The <c>.gitignore</c> files that apply while walking a directory, each with the directory it was found in: a
/// deeper file overrides a shallower one, and within a file the last matching line decides (git's precedence).
/// </summary>
internal sealed class IgnoreRules
{
    public const string FileName = ".gitignore";

    private readonly List<Frame> _frames;

    private IgnoreRules(List<Frame> frames)
    {
        _frames = frames;
    }

    public static IgnoreRules None { get; } = new([]);

    public bool IsEmpty => _frames.Count == 0;

    /// <summary>
    /// The rules above <paramref name="directory"/> (the <c>.gitignore</c> files of its parents, up to the first that
    /// holds <c>.git</c>), and whether they ignore the directory itself (then none apply: it is a build output).
    /// </summary>
    public static (IgnoreRules Rules, bool DirectoryIgnored) Above(string directory)
    {
        // Not inside a repository, or the directory is the repository's top: only its own .gitignore files count.
        var parents = new List<string>();
        var inRepository = false;
        if (IsTop(directory))
        {
            return (None, false);
        }

        for (var current = Path.GetDirectoryName(directory); current is not null; current = Path.GetDirectoryName(current))
        {
            parents.Add(current);
            if (IsTop(current))
            {
                inRepository = true;
                break;
            }
        }

        if (!inRepository)
        {
            return (None, false);
        }

        parents.Reverse();
        var files = parents.Select(p => (Directory: p, Patterns: Read(Path.Combine(p, FileName)))).ToList();

        // Git never looks inside an ignored directory: is one of the directories from below the top down to this one
        // ignored by the files above it? The deepest file with a matching line decides, as in Excludes.
        var below = parents.Skip(1).Append(directory).ToList();
        for (var level = 0; level < below.Count; level++)
        {
            var name = Path.GetFileName(below[level]);
            for (var f = level; f >= 0; f--)
            {
                var relative = Path.GetRelativePath(files[f].Directory, below[level]).Replace('\\', '/');
                if (files[f].Patterns.LastOrDefault(p => p.Matches(relative, name, isDirectory: true)) is { } match)
                {
                    if (!match.Negated)
                    {
                        return (None, true);
                    }

                    break;
                }
            }
        }

        var frames = files.Where(f => f.Patterns.Count > 0)
            .Select(f => new Frame(f.Patterns, Path.GetRelativePath(f.Directory, directory).Replace('\\', '/') + "/", 0))
            .ToList();
        return (new IgnoreRules(frames), false);
    }

    private static bool IsTop(string directory) =>
        Directory.Exists(Path.Combine(directory, ".git")) || File.Exists(Path.Combine(directory, ".git"));

    /// <summary>These rules and those of a <c>.gitignore</c> found at <paramref name="directoryPath"/> (relative to the walked directory).</summary>
    public IgnoreRules With(string file, string directoryPath)
    {
        var patterns = Read(file);
        return patterns.Count == 0 ? this : new IgnoreRules([.. _frames, new Frame(patterns, "", directoryPath.Length == 0 ? 0 : directoryPath.Length + 1)]);
    }

    /// <summary>Whether the entry at <paramref name="path"/> (relative to the walked directory) is ignored.</summary>
    public bool Excludes(string path, string name, bool isDirectory)
    {
        for (var f = _frames.Count - 1; f >= 0; f--)
        {
            var frame = _frames[f];
            var relative = frame.Prefix.Length == 0 && frame.Offset == 0 ? path : frame.Prefix + path[frame.Offset..];
            for (var p = frame.Patterns.Count - 1; p >= 0; p--)
            {
                if (frame.Patterns[p].Matches(relative, name, isDirectory))
                {
                    return !frame.Patterns[p].Negated;
                }
            }
        }

        return false;
    }

    private static List<PathPattern> Read(string file)
    {
        try
        {
            return File.ReadAllLines(file).Select(PathPattern.Parse).OfType<PathPattern>().ToList();
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <param name="Patterns">The lines of one <c>.gitignore</c>.</param>
    /// <param name="Prefix">Prepended to a walked path to make it relative to the file's directory (a parent's).</param>
    /// <param name="Offset">Cut from the start of a walked path to make it relative to the file's directory (one inside).</param>
    private sealed record Frame(List<PathPattern> Patterns, string Prefix, int Offset);
}
