using Deploy.DotNet.Tests.Support;
using Deploy.DotNet.Toolchains;

namespace Deploy.DotNet.Tests;

public sealed class ToolchainDetectionTests : IDisposable
{
    private const string Project = "<Project Sdk=\"Microsoft.NET.Sdk\" />";
    private readonly TempDirectory _source = new("deploy-detect");

    [Theory]
    [InlineData("Service.sln")]
    [InlineData("Service.slnx")]
    public void A_directory_with_a_solution_builds_the_solution(string solution)
    {
        var path = _source.Write($"service/{solution}", "");
        _source.Write("service/src/Api/Api.csproj", Project);

        var toolchain = Assert.IsType<DotNetToolchain>(ToolchainDetector.Detect(_source.Path, "service"));

        Assert.Equal(path, toolchain.File);
        Assert.Equal($".NET solution service/{solution}", toolchain.Description);
    }

    [Theory]
    [InlineData("Api.csproj")]
    [InlineData("Api.fsproj")]
    public void A_directory_with_one_project_builds_the_project(string project)
    {
        var path = _source.Write($"service/{project}", Project);

        var toolchain = Assert.IsType<DotNetToolchain>(ToolchainDetector.Detect(_source.Path, "service"));

        Assert.Equal(path, toolchain.File);
    }

    [Fact]
    public void A_solution_wins_over_a_project_beside_it()
    {
        var solution = _source.Write("Service.slnx", "");
        _source.Write("Api.csproj", Project);

        Assert.Equal(solution, Assert.IsType<DotNetToolchain>(ToolchainDetector.Detect(_source.Path, ".")).File);
    }

    [Fact]
    public void A_directory_with_go_mod_is_a_Go_module()
    {
        _source.Write("service/go.mod", "module example.com/service\n");

        var toolchain = Assert.IsType<GoToolchain>(ToolchainDetector.Detect(_source.Path, "service"));

        Assert.Equal(Path.Combine(_source.Path, "service"), toolchain.ModuleDirectory);
        Assert.Equal("Go module service/go.mod", toolchain.Description);
    }

    [Fact]
    public void A_file_given_as_the_project_is_built_as_it_is()
    {
        _source.Write("One.slnx", "");
        var two = _source.Write("Two.slnx", "");
        _source.Write("tools/go.mod", "module example.com/tools\n");

        Assert.Equal(two, Assert.IsType<DotNetToolchain>(ToolchainDetector.Detect(_source.Path, "Two.slnx")).File);
        Assert.IsType<GoToolchain>(ToolchainDetector.Detect(_source.Path, "tools/go.mod"));
    }

    [Fact]
    public void Several_solutions_are_an_error_that_names_them()
    {
        _source.Write("One.sln", "");
        _source.Write("Two.slnx", "");

        var error = Assert.Throws<ToolchainNotFoundException>(() => ToolchainDetector.Detect(_source.Path, "."));

        Assert.Contains("One.sln, Two.slnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("Point --project at the one to build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_without_a_toolchain_is_one_error_naming_it_and_what_was_looked_for()
    {
        _source.Write("docs/README.md", "");

        var error = Assert.Throws<ToolchainNotFoundException>(() => ToolchainDetector.Detect(_source.Path, "docs"));

        Assert.Equal(Path.Combine(_source.Path, "docs"), error.Path);
        Assert.Equal(
            $"No toolchain found in '{error.Path}': looked for a .NET solution (*.sln, *.slnx), a .NET project (*.csproj, *.fsproj, *.vbproj) " +
            "and a Go module (go.mod). Point --project at the service's directory (now 'docs').",
            error.Message);
    }

    [Fact]
    public void A_missing_directory_is_an_error_naming_it()
    {
        var error = Assert.Throws<ToolchainNotFoundException>(() => ToolchainDetector.Detect(_source.Path, "nowhere"));

        Assert.Contains($"'{Path.Combine(_source.Path, "nowhere")}' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_fails_with_that_error_when_there_is_no_toolchain()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new ServiceBuild(_source.Path), ["Restore", "--project", "."]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"No toolchain found in '{_source.Path}'", result.ErrorOf("Restore"), StringComparison.Ordinal);
    }

    public void Dispose() => _source.Dispose();
}
