namespace Deploy.Git.Clone;

/// <summary>
/// Stop files at the root of the default workspaces (<c>.nuke/temp/workspace/</c>), so that a clone builds as it does
/// on its own and not as part of the repository the build stands in. MSBuild imports the first
/// <c>Directory.Build.props</c>, <c>Directory.Build.targets</c> and (with NuGet's central package management)
/// <c>Directory.Packages.props</c> it finds walking up from a project, and the dotnet host uses the first
/// <c>global.json</c>: an empty one of each here ends those walks before they reach the build's own files, while a
/// clone's own files, nearer to its projects, still win. <c>NuGet.config</c> has no such stop: NuGet merges every one
/// from the project up to the file system's root, so a <c>NuGet.config</c> of the build's repository still adds its
/// package sources to the clone's (it cannot remove any). The workspaces stay inside the build's temporary directory,
/// rather than somewhere outside the repository, so that they are found again by the next run (an update, not a
/// fresh clone), cleaned with it, and nothing is written outside the repository.
/// </summary>
internal static class WorkspaceIsolation
{
    private static readonly (string Name, string Content)[] StopFiles =
    [
        ("Directory.Build.props", Project("  <!-- Deploy: stops MSBuild's search for the build repository's Directory.Build.props. -->\n")),
        ("Directory.Build.targets", Project("  <!-- Deploy: stops MSBuild's search for the build repository's Directory.Build.targets. -->\n")),
        ("Directory.Packages.props", Project(
            "  <!-- Deploy: stops the search for the build repository's Directory.Packages.props; a clone with its own uses that. -->\n" +
            "  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n")),
        ("global.json", "{}\n"),
    ];

    /// <summary>Writes the stop files into <paramref name="workspacesRoot"/> (created when missing); existing ones are rewritten.</summary>
    public static void Prepare(string workspacesRoot)
    {
        Directory.CreateDirectory(workspacesRoot);
        foreach (var (name, content) in StopFiles)
        {
            var path = Path.Combine(workspacesRoot, name);
            if (!File.Exists(path) || File.ReadAllText(path) != content)
            {
                File.WriteAllText(path, content);
            }
        }
    }

    private static string Project(string body) => "<Project>\n" + body + "</Project>\n";
}
