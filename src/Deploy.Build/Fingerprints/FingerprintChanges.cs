namespace Deploy.Build.Fingerprints;

/// <summary>
/// Why a target runs although it ran before: the first input, in declaration order, whose digest differs from the
/// recorded one (<c>src/Program.cs changed</c>, <c>--configuration changed</c>, <c>Compile changed</c>, <c>the build
/// changed</c>), and how many more did.
/// </summary>
internal static class FingerprintChanges
{
    public const string DeclaredDifferently = "its inputs are declared differently now";

    public static string Describe(Fingerprint current, Fingerprint recorded)
    {
        var changes = new List<string>();
        for (var i = 0; i < Math.Max(current.Inputs.Count, recorded.Inputs.Count); i++)
        {
            if (i >= current.Inputs.Count || i >= recorded.Inputs.Count)
            {
                return DeclaredDifferently;
            }

            var now = current.Inputs[i];
            var then = recorded.Inputs[i];
            if (now.Kind != then.Kind || now.Kind != InputDigestKind.Files && now.Name != then.Name)
            {
                return DeclaredDifferently;
            }

            if (now.Digest is null)
            {
                changes.Add($"{now.Name} may hand on something new");
            }
            else if (now.Digest != then.Digest || now.Name != then.Name)
            {
                if (now.Kind == InputDigestKind.Files)
                {
                    changes.AddRange(FileChanges(now.Files ?? [], then.Files ?? []));
                }
                else
                {
                    changes.Add($"{now.Name} changed");
                }
            }
        }

        return changes.Count switch
        {
            0 => "its fingerprint changed",
            1 => changes[0],
            _ => $"{changes[0]} (and {changes.Count - 1} more)",
        };
    }

    /// <summary>Each file added, removed or changed, in path order.</summary>
    private static IEnumerable<string> FileChanges(IReadOnlyList<FileDigest> now, IReadOnlyList<FileDigest> then)
    {
        var before = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in then)
        {
            before[file.Path] = file.Hash;
        }

        var after = new HashSet<string>(StringComparer.Ordinal);
        var changes = new List<(string Path, string Change)>();
        foreach (var file in now)
        {
            after.Add(file.Path);
            if (!before.TryGetValue(file.Path, out var hash))
            {
                changes.Add((file.Path, "added"));
            }
            else if (hash != file.Hash)
            {
                changes.Add((file.Path, "changed"));
            }
        }

        changes.AddRange(then.Where(f => !after.Contains(f.Path)).Select(f => (f.Path, "removed")));
        return changes.OrderBy(c => c.Path, StringComparer.Ordinal).Select(c => $"{c.Path} {c.Change}");
    }
}
