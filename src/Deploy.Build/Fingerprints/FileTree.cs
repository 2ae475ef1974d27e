using System.IO.Enumeration;

namespace Deploy.Build.Fingerprints;

/// <summary>
/// Walks a directory for the files a target declared (<see cref="ITargetInputs.Files(string, string[])"/>): the ones
/// the patterns select, minus what <c>.gitignore</c> files exclude. An ignored directory is not entered (git cannot
/// take a file below one back either), which is also what keeps <c>bin/</c> and <c>obj/</c> cheap.
/// </summary>
internal static class FileTree
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <param name="directory">The absolute directory to walk.</param>
    /// <param name="selection">The target's patterns (empty: every file).</param>
    /// <param name="never">A directory never entered (the root's <c>.nuke/temp</c>, where the engine keeps its records).</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <returns>The files, ordered by path (ordinal).</returns>
    public static List<TreeFile> Select(string directory, IReadOnlyList<PathPattern> selection, string? never, CancellationToken cancellationToken = default)
    {
        var files = new List<TreeFile>();
        if (!Directory.Exists(directory))
        {
            return files;
        }

        var (above, ignored) = IgnoreRules.Above(directory);
        var useIgnoreFiles = !ignored;
        var pending = new Stack<Walk>();
        pending.Push(new Walk(directory, "", above, new bool[selection.Count]));
        var entries = new List<Entry>();
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var walk = pending.Pop();
            entries.Clear();
            entries.AddRange(new FileSystemEnumerable<Entry>(walk.FullPath, Read, Options));

            var rules = walk.Rules;
            if (useIgnoreFiles && entries.Exists(e => !e.IsDirectory && e.Name == IgnoreRules.FileName))
            {
                rules = rules.With(Path.Combine(walk.FullPath, IgnoreRules.FileName), walk.Path);
            }

            foreach (var entry in entries)
            {
                if (entry.Name == ".git")
                {
                    continue;
                }

                var path = walk.Path.Length == 0 ? entry.Name : walk.Path + "/" + entry.Name;
                var full = Path.Combine(walk.FullPath, entry.Name);
                if (entry.IsDirectory && !entry.IsLink)
                {
                    if (!string.Equals(full, never, StringComparison.Ordinal) && !rules.Excludes(path, entry.Name, isDirectory: true))
                    {
                        var matched = new bool[selection.Count];
                        for (var i = 0; i < selection.Count; i++)
                        {
                            matched[i] = walk.Matched[i] || selection[i].Matches(path, entry.Name, isDirectory: true);
                        }

                        pending.Push(new Walk(full, path, rules, matched));
                    }

                    continue;
                }

                if (!rules.Excludes(path, entry.Name, isDirectory: false) && Selected(selection, walk.Matched, path, entry.Name))
                {
                    files.Add(new TreeFile(path, full, entry.Length, entry.LastWriteTicks, entry.IsLink));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    /// <summary>The last pattern that matches the file or one of its directories decides; none: not selected.</summary>
    private static bool Selected(IReadOnlyList<PathPattern> selection, bool[] matchedAbove, string path, string name)
    {
        if (selection.Count == 0)
        {
            return true;
        }

        for (var i = selection.Count - 1; i >= 0; i--)
        {
            if (matchedAbove[i] || selection[i].Matches(path, name, isDirectory: false))
            {
                return !selection[i].Negated;
            }
        }

        return false;
    }

    /// <summary>Reads what the walk needs from an entry: the size and time only for files (a directory costs no stat).</summary>
    private static Entry Read(ref FileSystemEntry entry)
    {
        var isLink = (entry.Attributes & FileAttributes.ReparsePoint) != 0;
        return entry.IsDirectory && !isLink
            ? new Entry(entry.FileName.ToString(), true, false, 0, 0)
            : new Entry(entry.FileName.ToString(), entry.IsDirectory, isLink, isLink ? 0 : entry.Length, isLink ? 0 : entry.LastWriteTimeUtc.UtcTicks);
    }

    /// <summary>A directory still to walk: where it is, its path from the top, the rules that apply in it, which selection patterns matched it or a parent.</summary>
    private sealed record Walk(string FullPath, string Path, IgnoreRules Rules, bool[] Matched);

    private readonly record struct Entry(string Name, bool IsDirectory, bool IsLink, long Length, long LastWriteTicks);
}
