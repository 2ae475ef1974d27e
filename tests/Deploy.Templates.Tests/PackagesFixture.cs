using System.Xml.Linq;

namespace Deploy.Templates.Tests;

/// <summary>
/// Every Deploy package, packed from this checkout into a temporary local feed, and Deploy.Templates installed from
/// it into a private template hive. Builds that the template writes restore from that feed (a NuGet.config above the
/// repositories: only the feed and this machine's own package sources) into a private package folder, so packages of
/// the same version packed earlier are never taken from the machine's cache.
/// </summary>
public sealed class PackagesFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("deploy-templates-").FullName;

    public string Feed => Path.Combine(Directory, "feed");

    public string Hive => Path.Combine(Directory, "hive");

    /// <summary>Where the fixture's builds restore packages to (NUGET_PACKAGES).</summary>
    public string PackagesFolder => Path.Combine(Directory, "packages");

    /// <summary>The version every package got (from the checkout's git tags).</summary>
    public string Version { get; private set; } = "";

    public IReadOnlyList<string> Packages { get; private set; } = [];

    /// <summary>The environment of what the tests start: the machine's, minus what steers Deploy, with the private package folder.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var environment = TestEnvironment.ForBuild();
        environment["NUGET_PACKAGES"] = PackagesFolder;
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        Environment = environment;

        var pack = await TestProcess.RunAsync(
            "dotnet", ["pack", "Deploy.sln", "--configuration", "Release", "--output", Feed, "-nologo"],
            Repository.Root, deadline: TimeSpan.FromMinutes(20), baseEnvironment: TestEnvironment.ForBuild());
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed: {pack}");

        Packages = [.. System.IO.Directory.GetFiles(Feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        var template = System.IO.Directory.GetFiles(Feed, "Deploy.Templates.*.nupkg").Single();
        Version = Path.GetFileNameWithoutExtension(template)["Deploy.Templates.".Length..];

        WriteNuGetConfig();
        var install = await RunAsync("dotnet", ["new", "install", template, "--debug:custom-hive", Hive], Directory);
        Assert.True(install.ExitCode == 0, $"dotnet new install failed: {install}");
    }

    /// <summary>Runs a program in the fixture's environment.</summary>
    public Task<ProcessOutput> RunAsync(string program, IEnumerable<string> arguments, string directory, TimeSpan? deadline = null) =>
        TestProcess.RunAsync(program, arguments, directory, deadline: deadline ?? TimeSpan.FromMinutes(2), baseEnvironment: Environment);

    /// <summary><c>dotnet new deploy</c> with the fixture's hive.</summary>
    public Task<ProcessOutput> NewDeployAsync(string repository, params string[] options) =>
        RunAsync("dotnet", ["new", "deploy", "--debug:custom-hive", Hive, .. options], repository);

    /// <summary>
    /// A fresh git repository of a small ASP.NET Core service with its xunit project (the sample's, without its
    /// Dockerfile), ignoring bin/ and obj/ as <c>dotnet new gitignore</c> does, at one commit.
    /// </summary>
    public async Task<string> NewServiceRepositoryAsync(string name)
    {
        var repository = Path.Combine(Directory, name);
        Repository.Copy(Repository.Sample, repository);
        File.Delete(Path.Combine(repository, "Dockerfile"));
        File.Delete(Path.Combine(repository, "README.md"));
        File.WriteAllText(Path.Combine(repository, ".gitignore"), "bin/\nobj/\n");
        await GitAsync(repository, "init", "--quiet", "--initial-branch", "main");
        await CommitAllAsync(repository, "The service");
        return repository;
    }

    /// <summary>
    /// A fresh git repository of a small Go HTTP service (module example.com/hello, standard library only) with one
    /// test, answering every request with the commit stamped into it (<c>-X main.commit</c>), on PORT.
    /// </summary>
    public async Task<string> NewGoServiceRepositoryAsync(string name)
    {
        var repository = Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(repository);
        File.WriteAllText(Path.Combine(repository, "go.mod"), "module example.com/hello\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(repository, "main.go"), """
            package main

            import (
            	"fmt"
            	"net/http"
            	"os"
            )

            var commit = "unknown"

            func greeting() string { return "Hello from Go, commit " + commit }

            func main() {
            	port := os.Getenv("PORT")
            	if port == "" {
            		port = "8080"
            	}
            	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, greeting()) })
            	if err := http.ListenAndServe("127.0.0.1:"+port, nil); err != nil {
            		fmt.Fprintln(os.Stderr, err)
            		os.Exit(1)
            	}
            }

            """);
        File.WriteAllText(Path.Combine(repository, "main_test.go"), """
            package main

            import (
            	"strings"
            	"testing"
            )

            func TestGreetingNamesTheCommit(t *testing.T) {
            	if !strings.HasSuffix(greeting(), commit) {
            		t.Fatalf("greeting %q does not end with the commit %q", greeting(), commit)
            	}
            }

            """);
        await GitAsync(repository, "init", "--quiet", "--initial-branch", "main");
        await CommitAllAsync(repository, "The Go service");
        return repository;
    }

    /// <summary>Commits everything in the working tree (git add --all); returns the new HEAD.</summary>
    public async Task<string> CommitAllAsync(string repository, string message)
    {
        await GitAsync(repository, "add", "--all");
        await GitAsync(repository, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", message);
        return (await GitAsync(repository, "rev-parse", "HEAD")).Trim();
    }

    public Task DisposeAsync()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    private async Task<string> GitAsync(string repository, params string[] arguments)
    {
        var git = await RunAsync("git", arguments, repository);
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {git}");
        return git.Output;
    }

    // Only the local feed and this machine's own sources (its mirror), found above every repository the tests make.
    private void WriteNuGetConfig()
    {
        var machineConfig = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        var sources = new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "deploy-local"), new XAttribute("value", Feed)));
        if (File.Exists(machineConfig))
        {
            foreach (var source in XDocument.Load(machineConfig).Descendants("packageSources").Elements("add"))
                sources.Add(new XElement(source));
        }

        new XDocument(new XElement("configuration", sources)).Save(Path.Combine(Directory, "NuGet.config"));
    }
}
