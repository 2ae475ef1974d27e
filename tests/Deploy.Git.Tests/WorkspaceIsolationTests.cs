using Deploy.Git.Tests.Support;

namespace Deploy.Git.Tests;

/// <summary>
/// A repository cloned into the default workspace restores and builds as it does on its own, although the workspace is
/// inside a build root whose Directory.Packages.props turns on central package management (real dotnet, real NuGet).
/// </summary>
public sealed class WorkspaceIsolationTests : IDisposable
{
    private static readonly Dictionary<string, string?> Quiet = new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
    };

    private readonly Upstream _upstream = new("library");
    private readonly BuildDriver _driver = new();

    [Fact]
    public async Task A_clone_without_central_package_management_builds_inside_a_root_that_has_it()
    {
        // The build's own repository: central package management, and a targets file that fails any build importing it.
        File.WriteAllText(Path.Combine(_driver.Root, "Directory.Packages.props"), """
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup><PackageVersion Include="Serilog" Version="4.4.0" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_driver.Root, "Directory.Build.targets"), """
            <Project>
              <Target Name="Inherited" BeforeTargets="Build"><Error Text="The clone inherited the build's Directory.Build.targets." /></Target>
            </Project>
            """);
        _upstream.Commit("Library.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Serilog" Version="4.4.0" /></ItemGroup>
            </Project>
            """, "A library with its own package versions");
        _upstream.Commit("Greeter.cs", "namespace Library;\npublic static class Greeter { public static string Hello => \"hello\"; }\n", "Code");

        var checkout = await Clones.SucceedAsync(_driver, "--repository", _upstream.Bare);

        var built = await TestProcess.RunAsync("dotnet", ["build", "Library.csproj"], checkout.Workspace, Quiet, TimeSpan.FromMinutes(4));
        Assert.True(built.ExitCode == 0, $"dotnet build of the clone failed:\n{built.Output}\n{built.Error}");
        Assert.DoesNotContain("NU1008", built.Output, StringComparison.Ordinal);

        // The stop files are what isolates it: without them the same clone inherits the root's files and fails.
        var workspaces = Path.GetDirectoryName(checkout.Workspace)!;
        foreach (var stop in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json" })
        {
            File.Delete(Path.Combine(workspaces, stop));
        }

        var inherited = await TestProcess.RunAsync("dotnet", ["restore", "Library.csproj"], checkout.Workspace, Quiet, TimeSpan.FromMinutes(4));
        Assert.NotEqual(0, inherited.ExitCode);
        Assert.Contains("NU1008", inherited.Output + inherited.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _driver.Dispose();
        _upstream.Dispose();
    }
}
