using System.Globalization;
using Deploy.Testing.Docker;

namespace Deploy.Templates.Tests;

/// <summary>
/// What a user gets from <c>dotnet new deploy</c>: the generated build, restored from the packed Deploy packages,
/// builds the checkout it stands in and rolls it out on the tests' dockerd; its custom Smoke target runs after
/// Rollout; it recompiles for its own inputs only; and with <c>--repository</c> it clones and builds another one.
/// </summary>
[Collection(TemplatesGroup.Name)]
public sealed class GeneratedBuildTests(PackagesFixture packages, EngineFixture engine)
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task A_generated_build_rolls_out_the_DotNet_service_it_stands_in_and_recompiles_for_its_own_inputs_only()
    {
        var repository = await packages.NewServiceRepositoryAsync("dotnet-rollout");
        var created = await packages.NewDeployAsync(repository, "-n", "HelloService");
        Assert.True(created.ExitCode == 0, created.ToString());
        var commit = await packages.CommitAllAsync(repository, "dotnet new deploy");
        await using var registry = await RegistryServer.StartAsync();
        var (name, port) = NewService("dotnet");
        try
        {
            var run = await BuildAsync(repository, "Smoke", "--registry", registry.Address, "--container-name", name, "--service-port", Text(port), "--docker-host", engine.Daemon.Host);

            Assert.True(run.ExitCode == 0, run.ToString());
            AssertBuiltTheCheckout(run, repository, commit);
            Assert.Equal("Succeeded", run.StatusOf("Push"));
            Assert.StartsWith($"{registry.Address}/", run.OutputOf("Rollout", "deployed"), StringComparison.Ordinal);
            Assert.Equal("Succeeded", run.StatusOf("Smoke"));
            Assert.Contains(commit, await GetAsync(port), StringComparison.Ordinal);
        }
        finally
        {
            await engine.RemoveContainerAsync(name);
        }

        // Editing the service is not an input of the build: the build is not recompiled.
        await File.AppendAllTextAsync(Path.Combine(repository, "src", "HelloService", "Program.cs"), "\n// an edit of the service\n");
        var afterServiceEdit = await BuildAsync(repository, "--help");
        Assert.True(afterServiceEdit.ExitCode == 0, afterServiceEdit.ToString());
        Assert.DoesNotContain(Compiling, afterServiceEdit.Output + afterServiceEdit.Error, StringComparison.Ordinal);
        Assert.Contains("Smoke", afterServiceEdit.Output, StringComparison.Ordinal);

        // Editing the build is: it is recompiled before it runs.
        var buildCs = Path.Combine(repository, "build", "Build.cs");
        await File.AppendAllTextAsync(buildCs, "\n// an edit of the build\n");
        var afterBuildEdit = await BuildAsync(repository, "--help");
        Assert.True(afterBuildEdit.ExitCode == 0, afterBuildEdit.ToString());
        Assert.Contains(Compiling, afterBuildEdit.Error, StringComparison.Ordinal);

        // A build that no longer compiles fails: the _build.dll of the previous compile is not run in its place.
        await File.AppendAllTextAsync(buildCs, "\nthis is not C#\n");
        var broken = await BuildAsync(repository, "--help");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("Build.cs", broken.Output + broken.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Smoke", broken.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_build_rolls_out_a_Go_service_stamped_with_the_checkouts_commit()
    {
        var repository = await packages.NewGoServiceRepositoryAsync("go-rollout");
        var created = await packages.NewDeployAsync(repository, "-n", "hello", "--toolchain", "go");
        Assert.True(created.ExitCode == 0, created.ToString());
        var commit = await packages.CommitAllAsync(repository, "dotnet new deploy");
        var (name, port) = NewService("go");
        try
        {
            var run = await BuildAsync(repository, "Smoke", "--container-name", name, "--service-port", Text(port), "--docker-host", engine.Daemon.Host);

            Assert.True(run.ExitCode == 0, run.ToString());
            AssertBuiltTheCheckout(run, repository, commit);
            Assert.Contains("Go module go.mod", run.Output, StringComparison.Ordinal);
            Assert.Equal("Succeeded", run.StatusOf("Test"));
            Assert.Equal("Succeeded", run.StatusOf("Smoke"));
            Assert.Equal($"Hello from Go, commit {commit}", (await GetAsync(port)).Trim());
        }
        finally
        {
            await engine.RemoveContainerAsync(name);
        }
    }

    [Fact]
    public async Task With_repository_a_generated_build_clones_and_builds_that_one_without_inheriting_its_own_settings()
    {
        var host = await packages.NewServiceRepositoryAsync("clone-host");
        var created = await packages.NewDeployAsync(host, "-n", "HelloService");
        Assert.True(created.ExitCode == 0, created.ToString());
        // The host's own MSBuild settings would fail any project under it that imported them; the build itself
        // stands alone (build/Directory.Build.props), and the clone's workspace must too.
        await File.WriteAllTextAsync(Path.Combine(host, "Directory.Build.props"), """
            <Project>
              <Target Name="DeployHostSettings" BeforeTargets="Restore;CollectPackageReferences;Build">
                <Error Text="This project imported the host repository's Directory.Build.props." />
              </Target>
            </Project>
            """);
        await packages.CommitAllAsync(host, "dotnet new deploy, and settings of the host's own");
        // Another repository brings its own Dockerfile (the host's build/Dockerfile is outside its build context).
        var other = await packages.NewServiceRepositoryAsync("clone-other");
        File.Copy(Path.Combine(Repository.Sample, "Dockerfile"), Path.Combine(other, "Dockerfile"));
        var otherCommit = await packages.CommitAllAsync(other, "The other service's Dockerfile");
        var (name, port) = NewService("clone");
        try
        {
            var run = await BuildAsync(host, "Smoke", "--repository", other, "--container-name", name, "--service-port", Text(port), "--docker-host", engine.Daemon.Host);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal("Succeeded", run.StatusOf("Clone"));
            Assert.Equal(otherCommit, run.OutputOf("Clone", "commit"));
            Assert.Equal("Skipped", run.StatusOf("Source"));
            Assert.Equal("Succeeded", run.StatusOf("Smoke"));
            Assert.Contains(otherCommit, await GetAsync(port), StringComparison.Ordinal);
        }
        finally
        {
            await engine.RemoveContainerAsync(name);
        }
    }

    private const string Compiling = "Compiling the build project";

    private static (string Name, int Port) NewService(string kind) => ($"generated-{kind}-{Guid.NewGuid().ToString("N")[..8]}", FreePort.Next());

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>./build.sh in <paramref name="repository"/>; the result reads the run record it leaves in .nuke/temp.</summary>
    private async Task<BuildResult> BuildAsync(string repository, params string[] arguments)
    {
        var run = await packages.RunAsync(Path.Combine(repository, "build.sh"), arguments, repository, RunDeadline);
        return new BuildResult(run.ExitCode, run.Output, run.Error, Path.Combine(repository, ".nuke", "temp"));
    }

    // The checkout mode: no clone; the record's commit is the repository's HEAD and the working tree was clean (the
    // generated .gitignore files keep the build's own output out of git status).
    private static void AssertBuiltTheCheckout(BuildResult run, string repository, string commit)
    {
        Assert.Equal("Skipped", run.StatusOf("Clone"));
        Assert.Equal($"building the checkout at {repository}", run.Target("Clone").GetProperty("reason").GetString());
        Assert.Equal(commit, run.OutputOf("Source", "commit"));
        Assert.Equal("false", run.OutputOf("Source", "dirty"));
        Assert.Equal("Succeeded", run.StatusOf("Rollout"));
    }

    private static async Task<string> GetAsync(int port)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri($"http://127.0.0.1:{Text(port)}/"));
    }
}
