using System.Xml.Linq;

namespace Deploy.DotNet.Toolchains;

/// <summary>
/// Which project of a .NET service is published for its image: <see cref="ICompile.PublishProject"/> when given,
/// else the one web project (Microsoft.NET.Sdk.Web), else the one executable that is neither a test project nor a Deploy build
/// (a project referencing Deploy: the build itself, e.g. build/_build.csproj, listed in the solution as NUKE users do).
/// </summary>
internal static class PublishProjects
{
    private static readonly string[] Extensions = [".csproj", ".fsproj", ".vbproj"];
    private static readonly string[] Ignored = ["bin", "obj", "node_modules"];

    /// <summary>The packages a Deploy build references (what `dotnet new deploy` writes, or the engine alone).</summary>
    private static readonly string[] BuildPackages = ["Deploy", "Deploy.Build"];

    public static bool IsProject(string path) => Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>The project file to publish, or null when there is none.</summary>
    public static string? Find(ICompile build, string solutionOrProject)
    {
        var directory = Path.GetDirectoryName(solutionOrProject)!;
        if (build.PublishProject is { Length: > 0 } given)
        {
            return Given(directory, given);
        }

        if (IsProject(solutionOrProject))
        {
            return Kind(solutionOrProject) is ProjectKind.Web or ProjectKind.Executable ? solutionOrProject : null;
        }

        var projects = Enumerate(directory).Select(p => (Path: p, Kind: Kind(p))).ToList();
        foreach (var kind in new[] { ProjectKind.Web, ProjectKind.Executable })
        {
            var candidates = projects.Where(p => p.Kind == kind).Select(p => p.Path).ToList();
            if (candidates.Count == 1)
            {
                return candidates[0];
            }

            if (candidates.Count > 1)
            {
                throw new ToolchainNotFoundException(directory,
                    $"'{directory}' holds several {(kind == ProjectKind.Web ? "web" : "executable")} projects " +
                    $"({string.Join(", ", candidates.Select(c => Path.GetRelativePath(directory, c)))}). Say which to publish with --publish-project.");
            }
        }

        return null;
    }

    internal static ProjectKind Kind(string project)
    {
        var root = XDocument.Load(project).Root;
        if (root is null)
        {
            return ProjectKind.Library;
        }

        var sdks = ((string?)root.Attribute("Sdk") ?? "").Split(';')
            .Concat(root.Elements("Sdk").Select(e => (string?)e.Attribute("Name") ?? ""));
        string? Property(string name) => root.Elements("PropertyGroup").Elements(name).Select(e => e.Value.Trim()).LastOrDefault();
        List<string> References(string kind) => root.Elements("ItemGroup").Elements(kind).Select(r => (string?)r.Attribute("Include") ?? "").ToList();
        var packages = References("PackageReference");
        var isTest = string.Equals(Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase) || packages.Contains("Microsoft.NET.Test.Sdk");
        if (isTest)
        {
            return ProjectKind.Test;
        }

        if (packages.Any(p => BuildPackages.Contains(p, StringComparer.OrdinalIgnoreCase))
            || References("ProjectReference").Any(r => r.Replace('\\', '/').EndsWith("/Deploy.Build.csproj", StringComparison.OrdinalIgnoreCase)))
        {
            return ProjectKind.Build;
        }

        if (sdks.Any(s => s.Trim().StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase)))
        {
            return ProjectKind.Web;
        }

        return Property("OutputType") is { } type && type.EndsWith("Exe", StringComparison.OrdinalIgnoreCase) ? ProjectKind.Executable : ProjectKind.Library;
    }

    private static string Given(string directory, string given)
    {
        var path = Path.GetFullPath(Path.Combine(directory, given));
        if (File.Exists(path) && IsProject(path))
        {
            return path;
        }

        if (Directory.Exists(path) && Extensions.SelectMany(e => Directory.EnumerateFiles(path, "*" + e)).ToList() is [var single])
        {
            return single;
        }

        throw new ToolchainNotFoundException(path,
            $"--publish-project '{given}' is not a .NET project: '{path}' is neither a project file nor a directory holding exactly one. Give the project's path relative to '{directory}'.");
    }

    private static IEnumerable<string> Enumerate(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory).Where(IsProject).Order(StringComparer.Ordinal))
        {
            yield return file;
        }

        foreach (var child in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(child);
            if (name.StartsWith('.') || Ignored.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var file in Enumerate(child))
            {
                yield return file;
            }
        }
    }
}
