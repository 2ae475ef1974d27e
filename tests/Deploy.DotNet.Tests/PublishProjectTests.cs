using Deploy.DotNet.Tests.Support;
using Deploy.DotNet.Toolchains;

namespace Deploy.DotNet.Tests;

public sealed class PublishProjectTests : IDisposable
{
    private const string Web = "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />";
    private const string Console = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>";
    private const string Library = "<Project Sdk=\"Microsoft.NET.Sdk\" />";
    private const string Tests = "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"Microsoft.NET.Test.Sdk\" /></ItemGroup></Project>";

    // What `dotnet new deploy` writes: an executable referencing the Deploy package.
    private const string BuildProject = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup><ItemGroup><PackageReference Include=\"Deploy\" Version=\"1.0.0\" /></ItemGroup></Project>";

    private readonly TempDirectory _source = new("deploy-publish");

    [Fact]
    public void The_web_project_is_published_before_an_executable_a_library_or_tests()
    {
        var solution = _source.Write("Service.slnx", "");
        var web = _source.Write("src/Api/Api.csproj", Web);
        _source.Write("src/Tool/Tool.csproj", Console);
        _source.Write("src/Core/Core.csproj", Library);
        _source.Write("tests/Api.Tests/Api.Tests.csproj", Tests);
        _source.Write("src/Api/bin/Release/Copy.csproj", Web);

        Assert.Equal(web, PublishProjects.Find(Build(), solution));
    }

    [Fact]
    public void Without_a_web_project_the_one_executable_is_published()
    {
        var solution = _source.Write("Service.slnx", "");
        var tool = _source.Write("src/Tool/Tool.csproj", Console);
        _source.Write("tests/Tool.Tests/Tool.Tests.csproj", Tests.Replace("<ItemGroup>", "<PropertyGroup><OutputType>Exe</OutputType></PropertyGroup><ItemGroup>", StringComparison.Ordinal));

        Assert.Equal(tool, PublishProjects.Find(Build(), solution));
    }

    [Fact]
    public void The_Deploy_build_in_the_solution_is_never_the_executable_published()
    {
        var solution = _source.Write("Service.slnx", "");
        var tool = _source.Write("src/Tool/Tool.csproj", Console);
        _source.Write("build/_build.csproj", BuildProject);

        Assert.Equal(tool, PublishProjects.Find(Build(), solution));
    }

    [Fact]
    public void Nothing_to_publish_is_null()
    {
        var solution = _source.Write("Service.slnx", "");
        _source.Write("src/Core/Core.csproj", Library);

        Assert.Null(PublishProjects.Find(Build(), solution));
    }

    [Fact]
    public void Several_web_projects_are_an_error_that_asks_for_publish_project()
    {
        var solution = _source.Write("Service.slnx", "");
        _source.Write("src/Api/Api.csproj", Web);
        _source.Write("src/Admin/Admin.csproj", Web);

        var error = Assert.Throws<ToolchainNotFoundException>(() => PublishProjects.Find(Build(), solution));

        Assert.Contains("several web projects (src/Admin/Admin.csproj, src/Api/Api.csproj)", error.Message, StringComparison.Ordinal);
        Assert.Contains("--publish-project", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_project_names_it_by_file_or_directory()
    {
        var solution = _source.Write("Service.slnx", "");
        _source.Write("src/Api/Api.csproj", Web);
        var admin = _source.Write("src/Admin/Admin.csproj", Web);

        Assert.Equal(admin, PublishProjects.Find(Build("src/Admin"), solution));
        Assert.Equal(admin, PublishProjects.Find(Build("src/Admin/Admin.csproj"), solution));
        Assert.Throws<ToolchainNotFoundException>(() => PublishProjects.Find(Build("src/Missing"), solution));
    }

    public void Dispose() => _source.Dispose();

    private PublishBuild Build(string? publishProject = null) => new PublishBuild(_source.Path, publishProject);

    private sealed class PublishBuild(string source, string? publishProject) : Deploy.Build.DeployBuild, ICompile
    {
        string IToolchain.SourceDirectory => source;

        string? ICompile.PublishProject => publishProject;
    }
}
