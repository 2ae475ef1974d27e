using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace Deploy.Templates.Tests;

/// <summary><c>dotnet new deploy</c> from the packed Deploy.Templates, in a fresh repository of an ASP.NET Core service.</summary>
[Collection(TemplatesGroup.Name)]
public sealed class DotNetNewDeployTests(PackagesFixture packages)
{
    private static readonly string[] Written =
    [
        "build/_build.csproj", "build/Build.cs", "build/Directory.Build.props", "build/Dockerfile",
        "build.sh", "build.ps1", "build.cmd", ".nuke/parameters.json", "global.json", "build/.gitignore", ".nuke/.gitignore",
    ];

    /// <summary>The packages that hold an assembly (besides them: the Deploy meta-package and Deploy.Templates).</summary>
    private static readonly string[] Libraries =
    [
        "Deploy.Build", "Deploy.Docker", "Deploy.DotNet", "Deploy.Git", "Deploy.GitHub", "Deploy.Kubernetes",
        "Deploy.OpenTelemetry", "Deploy.Prometheus", "Deploy.Rollout",
    ];

    [Fact]
    public void Every_package_is_packed_with_one_version()
    {
        string[] expected = ["Deploy", .. Libraries, "Deploy.Templates"];
        Assert.Equal(expected.Select(id => $"{id}.{packages.Version}.nupkg"), packages.Packages);
    }

    [Fact]
    public void Every_library_package_carries_its_IL_and_a_ReadyToRun_image_of_the_same_assembly_for_linux_x64()
    {
        foreach (var id in Libraries)
        {
            using var package = ZipFile.OpenRead(Path.Combine(packages.Feed, $"{id}.{packages.Version}.nupkg"));
            var il = Assembly(package, $"lib/net10.0/{id}.dll");
            var readyToRun = Assembly(package, $"runtimes/linux-x64/lib/net10.0/{id}.dll");
            Assert.False(il.ReadyToRun, $"{id}: lib/ holds a ReadyToRun image; it is the IL for every platform.");
            Assert.True(readyToRun.ReadyToRun, $"{id}: runtimes/linux-x64/lib/ holds no ReadyToRun image.");
            Assert.Equal(il.Mvid, readyToRun.Mvid);
        }
    }

    private static (bool ReadyToRun, Guid Mvid) Assembly(ZipArchive package, string path)
    {
        var entry = package.GetEntry(path);
        Assert.True(entry is not null, $"{path} is not in the package: {string.Join(", ", package.Entries.Select(e => e.FullName))}");
        using var bytes = new MemoryStream();
        using (var stream = entry.Open())
            stream.CopyTo(bytes);
        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        var metadata = pe.GetMetadataReader();
        return (pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, metadata.GetGuid(metadata.GetModuleDefinition().Mvid));
    }

    [Fact]
    public async Task It_writes_the_build_and_the_build_restores_from_the_packages_and_lists_the_stock_targets()
    {
        var repository = await packages.NewServiceRepositoryAsync("service");

        var created = await packages.NewDeployAsync(repository, "-n", "HelloService");

        Assert.True(created.ExitCode == 0, created.ToString());
        foreach (var file in Written)
            Assert.True(File.Exists(Path.Combine(repository, file)), $"dotnet new deploy did not write {file}: {created}");
        Assert.Contains($"<PackageReference Include=\"Deploy\" Version=\"{packages.Version}\" />", File.ReadAllText(Path.Combine(repository, "build/_build.csproj")), StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"/app/HelloService\"]", File.ReadAllText(Path.Combine(repository, "build/Dockerfile")), StringComparison.Ordinal);
        using (var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(repository, ".nuke/parameters.json"))))
        {
            Assert.Equal("./build.schema.json", parameters.RootElement.GetProperty("$schema").GetString());
            Assert.Equal(".", parameters.RootElement.GetProperty("Project").GetString());
            Assert.Equal("docker", parameters.RootElement.GetProperty("RolloutTarget").GetString());
        }

        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(Path.Combine(repository, "build.sh")).HasFlag(UnixFileMode.UserExecute), "build.sh is not executable.");

        var help = await packages.RunAsync(Path.Combine(repository, "build.sh"), ["--help"], repository, TimeSpan.FromMinutes(10));

        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var target in new[] { "Restore", "Compile", "Test", "Image", "Push", "Rollout", "Smoke" })
            Assert.Matches($@"(?m)^[\s*]+{target}\b", help.Output);
        // The build restored Deploy from the local feed, the version the template named.
        Assert.True(System.IO.Directory.Exists(Path.Combine(packages.PackagesFolder, "deploy.build", packages.Version)), "Deploy.Build was not restored from the local feed.");

        // On linux-x64 it starts from the packages' ReadyToRun images: the runtime's own list of what it JIT-compiled
        // names hardly any Deploy method (generic instantiations only; from the IL it is some 400).
        if (OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64)
        {
            var compiled = Path.Combine(repository, ".nuke", "temp", "jit-compiled.txt");
            var again = await TestProcess.RunAsync(
                Path.Combine(repository, "build.sh"), ["--help"], repository,
                environment: new Dictionary<string, string?> { ["DOTNET_JitStdOutFile"] = compiled, ["DOTNET_JitDisasmSummary"] = "1" },
                deadline: TimeSpan.FromMinutes(2), baseEnvironment: packages.Environment);
            Assert.True(again.ExitCode == 0, again.ToString());
            var deployMethods = File.ReadAllLines(compiled).Where(line => line.Contains("JIT compiled Deploy.", StringComparison.Ordinal)).ToList();
            Assert.True(deployMethods.Count < 40, $"{deployMethods.Count} Deploy methods were JIT-compiled, e.g.\n{string.Join('\n', deployMethods.Take(10))}");
        }
    }

    [Fact]
    public async Task It_refuses_to_overwrite_a_build_already_there_and_writes_nothing()
    {
        var repository = await packages.NewServiceRepositoryAsync("again");
        var first = await packages.NewDeployAsync(repository, "-n", "HelloService");
        Assert.True(first.ExitCode == 0, first.ToString());
        var buildCs = Path.Combine(repository, "build/Build.cs");
        File.WriteAllText(buildCs, "// the user's own build\n");
        File.Delete(Path.Combine(repository, "global.json"));

        var second = await packages.NewDeployAsync(repository, "-n", "HelloService");

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("build/Build.cs", second.Output + second.Error, StringComparison.Ordinal);
        Assert.Equal("// the user's own build\n", File.ReadAllText(buildCs));
        Assert.False(File.Exists(Path.Combine(repository, "global.json")), "A refused dotnet new deploy still wrote global.json.");
    }

    [Fact]
    public async Task It_refuses_a_repository_with_a_bootstrapper_of_its_own()
    {
        var repository = await packages.NewServiceRepositoryAsync("own-build-sh");
        File.WriteAllText(Path.Combine(repository, "build.sh"), "#!/bin/sh\necho mine\n");

        var created = await packages.NewDeployAsync(repository, "-n", "HelloService");

        Assert.NotEqual(0, created.ExitCode);
        Assert.Equal("#!/bin/sh\necho mine\n", File.ReadAllText(Path.Combine(repository, "build.sh")));
        Assert.False(System.IO.Directory.Exists(Path.Combine(repository, "build")), "A refused dotnet new deploy still wrote build/.");
    }

    [Fact]
    public async Task Its_options_choose_the_rollout_target_the_project_and_the_Dockerfile()
    {
        var repository = await packages.NewServiceRepositoryAsync("options");

        var created = await packages.NewDeployAsync(repository, "-n", "hello", "--rollout", "kubernetes", "--toolchain", "go", "--service", "src/HelloService");

        Assert.True(created.ExitCode == 0, created.ToString());
        using (var parameters = JsonDocument.Parse(File.ReadAllText(Path.Combine(repository, ".nuke/parameters.json"))))
        {
            Assert.Equal("kubernetes", parameters.RootElement.GetProperty("RolloutTarget").GetString());
            Assert.Equal("src/HelloService", parameters.RootElement.GetProperty("Project").GetString());
        }

        var dockerfile = File.ReadAllText(Path.Combine(repository, "build/Dockerfile"));
        Assert.Contains("go build", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"/app/hello\"]", dockerfile, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(repository, "build/Dockerfile.go")));
        Assert.False(File.Exists(Path.Combine(repository, "build/Dockerfile.dotnet")));

        var invalid = await packages.NewDeployAsync(await packages.NewServiceRepositoryAsync("invalid"), "--rollout", "nomad");
        Assert.NotEqual(0, invalid.ExitCode);
    }
}
