using Deploy.DotNet.Tests.Support;
using Deploy.DotNet.Toolchains;

namespace Deploy.DotNet.Tests;

/// <summary>Without --project the toolchain builds the one service the source's root shows, and says what it found otherwise.</summary>
public sealed class ProjectDiscoveryTests : IDisposable
{
    private const string Library = "<Project Sdk=\"Microsoft.NET.Sdk\" />";
    private const string Tests = "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"Microsoft.NET.Test.Sdk\" /></ItemGroup></Project>";
    private readonly TempDirectory _source = new("deploy-discover");

    [Fact]
    public void The_only_solution_at_the_root_is_the_service()
    {
        _source.Write("Service.slnx", "");
        _source.Write("src/Api/Api.csproj", Library);

        Assert.Equal("Service.slnx", ProjectDiscovery.Find(_source.Path));
    }

    [Fact]
    public void The_only_go_mod_at_the_root_is_the_service()
    {
        _source.Write("go.mod", "module example.com/service\n");

        Assert.Equal("go.mod", ProjectDiscovery.Find(_source.Path));
    }

    [Fact]
    public void Without_a_solution_the_only_directory_with_a_project_that_is_not_a_test_project_is_the_service()
    {
        _source.Write("src/Api/Api.csproj", Library);
        _source.Write("tests/Api.Tests/Api.Tests.csproj", Tests);
        _source.Write("src/Api/bin/Release/Copy.csproj", Library);

        Assert.Equal("src/Api", ProjectDiscovery.Find(_source.Path));
    }

    [Fact]
    public void A_Deploy_build_beside_the_service_is_not_a_second_service()
    {
        // What `dotnet new deploy` writes, and a build that references the engine's project as this repository's does.
        _source.Write("Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />");
        _source.Write("build/_build.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup><ItemGroup><PackageReference Include=\"Deploy\" Version=\"1.0.0\" /></ItemGroup></Project>");
        _source.Write("tools/release/Release.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><ProjectReference Include=\"..\\..\\deploy\\src\\Deploy.Build\\Deploy.Build.csproj\" /></ItemGroup></Project>");

        Assert.Equal(".", ProjectDiscovery.Find(_source.Path));
    }

    [Fact]
    public void Two_solutions_are_an_error_listing_both()
    {
        _source.Write("One.sln", "");
        _source.Write("Two.slnx", "");

        var error = Assert.Throws<ToolchainNotFoundException>(() => ProjectDiscovery.Find(_source.Path));

        Assert.Equal(
            $"--project was not given and '{_source.Path}' holds several services to build (One.sln, Two.slnx). Pass --project with the one to build (e.g. --project One.sln).",
            error.Message);
    }

    [Fact]
    public void Two_service_projects_are_an_error_listing_their_directories()
    {
        _source.Write("src/Api/Api.csproj", Library);
        _source.Write("src/Worker/Worker.csproj", Library);

        var error = Assert.Throws<ToolchainNotFoundException>(() => ProjectDiscovery.Find(_source.Path));

        Assert.Contains("holds several services to build (src/Api, src/Worker)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_build_is_an_error_saying_what_was_looked_for()
    {
        _source.Write("README.md", "# nothing here\n");
        _source.Write("tests/Only.Tests/Only.Tests.csproj", Tests);

        var error = Assert.Throws<ToolchainNotFoundException>(() => ProjectDiscovery.Find(_source.Path));

        Assert.Equal(
            $"--project was not given and '{_source.Path}' holds no service to build: looked for a .NET solution (*.sln, *.slnx) or a go.mod at its root, " +
            "and a directory with a .NET project that is neither a test project nor a Deploy build. Pass --project with the service's directory or file, relative to it.",
            error.Message);
    }

    [Fact]
    public async Task Restore_without_project_refuses_to_start_when_the_root_holds_two_solutions()
    {
        _source.Write("One.sln", "");
        _source.Write("Two.slnx", "");
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new ServiceBuild(_source.Path), ["Restore"]);

        Assert.True(result.NeverStarted, result.Everything);
        Assert.Contains("holds several services to build (One.sln, Two.slnx)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_without_project_builds_the_only_solution()
    {
        _source.Write("Service.slnx", "<Solution>\n  <Project Path=\"Api/Api.csproj\" />\n</Solution>\n");
        _source.Write("Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new ServiceBuild(_source.Path), ["Restore"]);

        Assert.True(result.ExitCode == 0, result.Everything);
        Assert.Contains("Toolchain: .NET solution Service.slnx", result.LogFile, StringComparison.Ordinal);
    }

    public void Dispose() => _source.Dispose();
}
