namespace Deploy.DotNet.Toolchains;

/// <summary>
/// The default of <see cref="IToolchain.Project"/>: the one service in the source's root. That is the only .NET
/// solution (*.sln, *.slnx) or go.mod there, else the only directory holding a .NET project that is neither a test project nor a Deploy build
/// (looked for a few levels down, build outputs and hidden directories left out). None, or several: the user says.
/// </summary>
internal static class ProjectDiscovery
{
    private const int ProjectDepth = 3;
    private static readonly string[] Ignored = ["bin", "obj", "node_modules"];

    /// <summary>The service's path relative to <paramref name="sourceDirectory"/>; throws with what was found when it is not exactly one.</summary>
    public static string Find(string sourceDirectory) =>
        TryFind(sourceDirectory, out var problem) ?? throw new ToolchainNotFoundException(sourceDirectory, problem!);

    /// <summary>The service's path relative to <paramref name="sourceDirectory"/>, or null with the problem (a whole sentence naming --project).</summary>
    public static string? TryFind(string sourceDirectory, out string? problem)
    {
        problem = null;
        if (!Directory.Exists(sourceDirectory))
        {
            problem = $"--project was not given and the source directory '{sourceDirectory}' does not exist to look for the service in. Pass --project, or build in the service's repository.";
            return null;
        }

        // One listing, matched here: this is --help's default too, and a search pattern per kind costs milliseconds of a start.
        var roots = new List<string>();
        foreach (var file in Directory.EnumerateFiles(sourceDirectory))
        {
            var name = Path.GetFileName(file);
            if (name == "go.mod" || ToolchainDetector.SolutionPatterns.Any(p => name.EndsWith(p[1..], StringComparison.Ordinal)))
            {
                roots.Add(name);
            }
        }

        roots.Sort(StringComparer.Ordinal);
        var found = roots.Count > 0 ? roots : ServiceProjectDirectories(sourceDirectory);
        if (found.Count == 1)
        {
            return found[0];
        }

        problem = found.Count == 0
            ? $"--project was not given and '{sourceDirectory}' holds no service to build: looked for a .NET solution ({string.Join(", ", ToolchainDetector.SolutionPatterns)}) " +
              "or a go.mod at its root, and a directory with a .NET project that is neither a test project nor a Deploy build. Pass --project with the service's directory or file, relative to it."
            : $"--project was not given and '{sourceDirectory}' holds several services to build ({string.Join(", ", found)}). " +
              $"Pass --project with the one to build (e.g. --project {found[0]}).";
        return null;
    }

    /// <summary>The directories (relative, '/'-separated) holding a .NET project that is neither a test project nor a Deploy build.</summary>
    private static List<string> ServiceProjectDirectories(string sourceDirectory) =>
        Projects(sourceDirectory, 0)
            .Where(p => PublishProjects.Kind(p) is not (ProjectKind.Test or ProjectKind.Build))
            .Select(p => Path.GetRelativePath(sourceDirectory, Path.GetDirectoryName(p)!).Replace('\\', '/'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<string> Projects(string directory, int depth)
    {
        foreach (var file in Directory.EnumerateFiles(directory).Where(PublishProjects.IsProject))
        {
            yield return file;
        }

        if (depth >= ProjectDepth)
        {
            yield break;
        }

        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(child);
            if (!name.StartsWith('.') && !Ignored.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                foreach (var file in Projects(child, depth + 1))
                {
                    yield return file;
                }
            }
        }
    }
}
