namespace Deploy.Build.Tests.EndToEnd;

/// <summary>
/// What the bootstrappers compile and run, in a scratch repository shaped like a user's: exactly the build project's
/// inputs as MSBuild resolved them are fingerprinted, and only the assembly that compile produced is ever run.
/// Each test has a repository of its own (they edit it).
/// </summary>
public sealed class BootstrapperTests
{
    private const string Compiling = "Compiling the build project";
    private const string FirstShow = "build-v1 greeting-v1 props-v1 imported-v1 none";

    [Theory]
    [InlineData("build.sh")]
    [PowerShellData]
    public async Task Two_started_at_once_compile_once_where_MSBuild_puts_it_and_a_service_edit_compiles_nothing(string script)
    {
        using var scratch = new ScratchBuild(script);
        using (var first = scratch.Start("Show"))
        using (var second = scratch.Start("Show"))
        {
            Assert.True(await first.WaitAsync(TimeSpan.FromMinutes(5)) == 0, first.Output);
            Assert.True(await second.WaitAsync(TimeSpan.FromMinutes(5)) == 0, second.Output);
            Assert.Contains("shows " + FirstShow, first.Output, StringComparison.Ordinal);
            Assert.Contains("shows " + FirstShow, second.Output, StringComparison.Ordinal);
            var compiled = new[] { first.Output, second.Output }.Count(o => o.Contains(Compiling, StringComparison.Ordinal));
            Assert.True(compiled == 1, $"{compiled} of the two compiled:\n{first.Output}\n---\n{second.Output}");
        }

        // MSBuild's own default output path: the bootstrapper imposes none, it runs what MSBuild reports.
        Assert.Equal(Path.Combine(scratch.Root, "build", "bin", "Debug", "net10.0", "_build.dll"), scratch.Assembly);

        // The stamp holds what MSBuild reported: the projects built, the files imported, what may appear above them.
        var stamp = File.ReadAllLines(scratch.StampFile);
        var engine = Path.Combine(ScratchBuild.FindRepository(), "src", "Deploy.Build");
        foreach (var line in new[] { "dir build", "dir lib", $"dir {engine}", "file Directory.Build.props", "file eng/Greeting.props", "absent Directory.Build.targets", "absent global.json" })
        {
            Assert.True(stamp.Contains(line), $"the stamp has no line '{line}':\n{string.Join('\n', stamp)}");
        }

        Assert.DoesNotContain(stamp, l => l.Contains("src/Service", StringComparison.Ordinal) || l.Contains(".nuget", StringComparison.Ordinal) || l.Contains("/obj/", StringComparison.Ordinal));

        // The service's own code is no input of the build.
        var compiledAt = File.GetLastWriteTimeUtc(scratch.Assembly);
        scratch.Write("src/Service/Program.cs", """System.Console.WriteLine("service v2");""");
        scratch.Write("src/Service/Service.csproj", """<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup></Project>""");
        await ShowsAsync(scratch, FirstShow, compiles: false);
        Assert.Equal(compiledAt, File.GetLastWriteTimeUtc(scratch.Assembly));
    }

    [Theory]
    [InlineData("build.sh")]
    [PowerShellData]
    public async Task Editing_the_build_a_project_it_references_or_a_file_it_imports_compiles_again_and_a_stale_assembly_is_never_run(string script)
    {
        using var scratch = new ScratchBuild(script);
        await ShowsAsync(scratch, FirstShow, compiles: true);
        var assembly = scratch.Assembly;
        var older = File.ReadAllBytes(assembly);
        var olderTime = File.GetLastWriteTimeUtc(assembly);

        scratch.Write("build/Build.cs", ScratchBuild.BuildSource.Replace(ScratchBuild.BuildVersion, "build-v2", StringComparison.Ordinal));
        await ShowsAsync(scratch, "build-v2 greeting-v1 props-v1 imported-v1 none", compiles: true);

        // The older assembly put back (a restored backup, a copy from elsewhere): compiled again, never run.
        File.WriteAllBytes(assembly, older);
        File.SetLastWriteTimeUtc(assembly, olderTime);
        await ShowsAsync(scratch, "build-v2 greeting-v1 props-v1 imported-v1 none", compiles: true);

        scratch.Write("lib/Greeting.cs", ScratchBuild.GreetingSource("greeting-v2"));
        await ShowsAsync(scratch, "build-v2 greeting-v2 props-v1 imported-v1 none", compiles: true);

        scratch.Write("Directory.Build.props", ScratchBuild.DirectoryBuildProps("props-v2"));
        await ShowsAsync(scratch, "build-v2 greeting-v2 props-v2 imported-v1 none", compiles: true);

        scratch.Write("eng/Greeting.props", ScratchBuild.MetadataProject("Imported", "imported-v2"));
        await ShowsAsync(scratch, "build-v2 greeting-v2 props-v2 imported-v2 none", compiles: true);

        // A file MSBuild looked for and did not find: creating it changes the build too.
        scratch.Write("Directory.Build.targets", ScratchBuild.MetadataProject("Targets", "targets-v1"));
        await ShowsAsync(scratch, "build-v2 greeting-v2 props-v2 imported-v2 targets-v1", compiles: true);

        // The assembly deleted: compiled again.
        File.Delete(assembly);
        await ShowsAsync(scratch, "build-v2 greeting-v2 props-v2 imported-v2 targets-v1", compiles: true);
        await ShowsAsync(scratch, "build-v2 greeting-v2 props-v2 imported-v2 targets-v1", compiles: false);
    }

    [Theory]
    [InlineData("build.sh")]
    [PowerShellData]
    public async Task A_build_project_that_compiles_to_a_library_fails_saying_what_to_set(string script)
    {
        using var scratch = new ScratchBuild(script);
        var project = Path.Combine(scratch.Root, "build", "_build.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<OutputType>Exe</OutputType>", "", StringComparison.Ordinal));

        var (code, output) = await scratch.RunAsync("Show");

        Assert.True(code == 1, output);
        Assert.Contains("_build.csproj compiled to a library (OutputType is 'Library'), which cannot be run. Set <OutputType>Exe</OutputType> in it.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("shows", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_cmd_run_from_bash_is_build_sh()
    {
        using var scratch = new ScratchBuild("build.cmd");

        var (code, output) = await scratch.RunAsync("Greet", "--name", "Ada Lovelace");
        Assert.True(code == 0, output);
        Assert.Contains("Hello Ada Lovelace", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(scratch.Temp, "build.stamp")), output);
        Assert.False(File.Exists(Path.Combine(scratch.Temp, "build.ps1.stamp")), output);

        var (failed, failedOutput) = await scratch.RunAsync("Fail");
        Assert.True(failed == 1, failedOutput);
        Assert.DoesNotContain(Compiling, failedOutput, StringComparison.Ordinal);
    }

    private static async Task ShowsAsync(ScratchBuild scratch, string shows, bool compiles)
    {
        var (code, output) = await scratch.RunAsync("Show");
        Assert.True(code == 0, output);
        Assert.Contains("shows " + shows, output, StringComparison.Ordinal);
        Assert.True(output.Contains(Compiling, StringComparison.Ordinal) == compiles, (compiles ? "expected a compile:\n" : "expected no compile:\n") + output);
    }
}
