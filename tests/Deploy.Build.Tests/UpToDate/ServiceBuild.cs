using System.Security.Cryptography;
using System.Text;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.UpToDate;

/// <summary>What the stock-like Compile hands on: where it published, and a version made from the sources.</summary>
public sealed record Published(string Directory, string Version);

/// <summary>What the stock-like Image hands on.</summary>
public sealed record BuiltImage(string Id);

/// <summary>
/// The stock pipeline's shape, declaring the inputs the stock components should (see the README): Restore reads the
/// project files and the toolchain's version; Compile the service's files but its README and tests, the configuration
/// and the toolchain; Test those and the tests; Image what Compile published and the Dockerfile. Rollout declares none
/// (what runs is the live system's state, which it checks itself): it runs every time. Each target journals its runs.
/// </summary>
internal sealed class ServiceBuild(Journal journal) : DeployBuild
{
    [Parameter("Configuration to compile in")]
    public string Configuration { get; set; } = "Release";

    /// <summary>What <c>dotnet --version</c> would print.</summary>
    public string ToolVersion { get; set; } = "10.0.100";

    public string Service => Path.Combine(RootDirectory, "service");

    public Published? Published { get; private set; }

    public BuiltImage? Image { get; private set; }

    /// <summary>The version Test tested and Rollout deployed, as each read it from the state handed on.</summary>
    public string? Tested { get; private set; }

    public string? Deployed { get; private set; }

    Target Restore => _ => _
        .Inputs(i => i.Files(Service, "*.csproj", "Directory.*.props", "packages.lock.json").Value("dotnet version", ToolVersionAsync))
        .Executes(() =>
        {
            journal.Add("Restore");
            File.WriteAllText(Path.Combine(Service, "obj", "project.assets.json"), "{ \"restored\": true }");
        });

    Target Compile => _ => _
        .DependsOn(Restore)
        .Inputs(i => i.Files(Service, "*", "!*.md", "!tests/").Parameter(() => Configuration).Value("dotnet version", ToolVersionAsync))
        .Outputs(() => Published, published => Published = published, published => [published.Directory])
        .Executes(() =>
        {
            journal.Add("Compile");
            var directory = Directory.CreateDirectory(Path.Combine(TemporaryDirectory, "publish")).FullName;
            var sources = string.Concat(Directory.GetFiles(Service, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(File.ReadAllText)) + Configuration;
            File.WriteAllText(Path.Combine(directory, "service.dll"), sources);
            Published = new Published(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sources)))[..12]);
        });

    Target Test => _ => _
        .DependsOn(Compile)
        .Inputs(i => i.Files(Service, "*", "!*.md").Parameter(() => Configuration))
        .Executes(() =>
        {
            journal.Add("Test");
            Tested = Published!.Version;
        });

    Target BuildImage => _ => _
        .DependsOn(Compile)
        .Inputs(i => i.Files(() => Published?.Directory).Files(Service, "/Dockerfile"))
        .Outputs(() => Image, image => Image = image)
        .Executes(() =>
        {
            journal.Add("BuildImage");
            Image = new BuiltImage("sha256:" + Published!.Version);
        });

    Target Rollout => _ => _
        .DependsOn(Test, BuildImage)
        .Executes(() =>
        {
            journal.Add("Rollout");
            Deployed = Image!.Id;
        });

    private Task<string?> ToolVersionAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(ToolVersion);
}
