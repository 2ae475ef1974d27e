namespace Deploy.DotNet.Toolchains;

/// <summary>
/// Finds the toolchain of the service at <see cref="IToolchain.Project"/>: a .NET solution, else a .NET project,
/// else a Go module. A file given directly is taken as it is.
/// </summary>
internal static class ToolchainDetector
{
    /// <summary>The .NET solution files, as search patterns (project discovery looks for the same ones).</summary>
    internal static readonly string[] SolutionPatterns = ["*.sln", "*.slnx"];
    private static readonly string[] ProjectPatterns = ["*.csproj", "*.fsproj", "*.vbproj"];

    public static Toolchain Detect(IToolchain build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var toolchain = Detect(build.SourceDirectory, build.Project);
        build.Log.Information("Toolchain: {Toolchain}", toolchain.Description);
        return toolchain;
    }

    public static Toolchain Detect(string sourceDirectory, string project)
    {
        var path = Path.GetFullPath(Path.Combine(sourceDirectory, project));
        var shown = Directories.Show(sourceDirectory, path);
        if (File.Exists(path))
        {
            return FromFile(path, shown, sourceDirectory);
        }

        if (!Directory.Exists(path))
        {
            throw new ToolchainNotFoundException(path,
                $"The service's directory '{path}' does not exist (--project '{project}' inside '{sourceDirectory}'). Point --project at the service's directory inside the source.");
        }

        var solutions = Find(path, SolutionPatterns);
        if (solutions.Count > 0)
        {
            return new DotNetToolchain(Single(solutions, path, "solutions"), sourceDirectory);
        }

        var projects = Find(path, ProjectPatterns);
        if (projects.Count > 0)
        {
            return new DotNetToolchain(Single(projects, path, "projects"), sourceDirectory);
        }

        if (File.Exists(Path.Combine(path, "go.mod")))
        {
            return new GoToolchain(path, sourceDirectory);
        }

        throw new ToolchainNotFoundException(path,
            $"No toolchain found in '{path}': looked for a .NET solution ({string.Join(", ", SolutionPatterns)}), a .NET project " +
            $"({string.Join(", ", ProjectPatterns)}) and a Go module (go.mod). Point --project at the service's directory (now '{project}').");
    }

    private static Toolchain FromFile(string path, string shown, string sourceDirectory)
    {
        var name = Path.GetFileName(path);
        if (SolutionPatterns.Concat(ProjectPatterns).Any(p => name.EndsWith(p[1..], StringComparison.OrdinalIgnoreCase)))
        {
            return new DotNetToolchain(path, sourceDirectory);
        }

        if (name == "go.mod")
        {
            return new GoToolchain(Path.GetDirectoryName(path)!, sourceDirectory);
        }

        throw new ToolchainNotFoundException(path,
            $"--project points at '{shown}', which is neither a .NET solution or project nor a go.mod. Point it at one of those, or at the directory holding it.");
    }

    private static List<string> Find(string directory, string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(directory, p)).Order(StringComparer.Ordinal).ToList();

    private static string Single(List<string> files, string directory, string kind) =>
        files.Count == 1
            ? files[0]
            : throw new ToolchainNotFoundException(directory,
                $"'{directory}' holds several .NET {kind} ({string.Join(", ", files.Select(Path.GetFileName))}). Point --project at the one to build.");
}
