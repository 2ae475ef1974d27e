namespace Deploy.Kubernetes.Manifests;

/// <summary>
/// The files behind <c>--manifests</c>, in a stable order: each path as given; a directory's own <c>.yaml</c>,
/// <c>.yml</c> and <c>.json</c> files sorted by name (ordinal), not its subdirectories (as <c>kubectl apply -f DIR</c>).
/// </summary>
internal static class ManifestFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Problems with the paths themselves (missing, empty directory); checked before anything is read.</summary>
    public static IEnumerable<string> Problems(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                yield return "One of the --manifests paths is empty: give files or directories of Kubernetes YAML.";
            }
            else if (Directory.Exists(path))
            {
                if (!InDirectory(path).Any())
                {
                    yield return $"The manifest directory \"{path}\" has no .yaml, .yml or .json files: put the manifests there, or pass --manifests with the files themselves.";
                }
            }
            else if (!File.Exists(path))
            {
                yield return $"The manifest path \"{path}\" does not exist: pass --manifests with files or directories of Kubernetes YAML (relative paths start at the source directory).";
            }
        }
    }

    public static IReadOnlyList<string> Expand(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            foreach (var file in Directory.Exists(path) ? InDirectory(path) : [path])
            {
                var full = Path.GetFullPath(file);
                if (!files.Contains(full, StringComparer.Ordinal))
                {
                    files.Add(full);
                }
            }
        }

        return files;
    }

    private static IEnumerable<string> InDirectory(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
}
