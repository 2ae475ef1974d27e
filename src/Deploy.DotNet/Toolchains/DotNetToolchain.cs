using Deploy.Build;
using Deploy.DotNet.Testing;

namespace Deploy.DotNet.Toolchains;

/// <summary>A .NET solution or project: <c>dotnet restore</c>, <c>build</c>, <c>publish</c> and <c>test</c>.</summary>
internal sealed class DotNetToolchain(string file, string sourceDirectory) : Toolchain
{
    /// <summary>
    /// For every dotnet the toolchain starts: no telemetry or banners, and no MSBuild nodes left running after the
    /// target (they would hold the workspace's files and outlive a cancelled build).
    /// </summary>
    private static readonly Dictionary<string, string?> ChildEnvironment = new(StringComparer.Ordinal)
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
    };

    /// <summary>The solution or project file.</summary>
    public string File { get; } = file;

    private string WorkingDirectory => Path.GetDirectoryName(File)!;

    public override string Description =>
        $".NET {(PublishProjects.IsProject(File) ? "project" : "solution")} {Directories.Show(sourceDirectory, File)}";

    public override async Task RestoreAsync(IRestore build, CancellationToken cancellationToken)
    {
        await DotNetAsync(build, ["restore", File], cancellationToken).ConfigureAwait(false);
        if (build is ICompile { SelfContained: true } compile && PublishProjects.Find(compile, File) is { } publish)
        {
            // Publishing self-contained needs the runtime pack: fetch it now, so Compile works without the network.
            await DotNetAsync(build, ["restore", publish, "-r", compile.Runtime, "-p:SelfContained=true"], cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<string> VersionAsync(IToolchain build, CancellationToken cancellationToken) =>
        VersionOfAsync(build, "dotnet", ["--version"], WorkingDirectory, cancellationToken);

    public override async Task<PublishedService?> CompileAsync(ICompile build, CancellationToken cancellationToken)
    {
        var stamp = build.SourceRevision is { Length: > 0 } revision ? [$"-p:SourceRevisionId={revision}"] : Array.Empty<string>();
        await DotNetAsync(build, ["build", File, "--no-restore", "-c", build.Configuration, .. stamp], cancellationToken).ConfigureAwait(false);

        if (PublishProjects.Find(build, File) is not { } project)
        {
            build.Log.Warning("{Toolchain} has no web or executable project, so nothing is published for an image", Description);
            return null;
        }

        var output = build.PublishDirectory;
        Directories.Empty(output);
        string[] publish = build.SelfContained
            ? ["publish", project, "--no-restore", "-c", build.Configuration, "-r", build.Runtime, "--self-contained", "true", "-o", output, .. stamp]
            // Framework-dependent output is portable: publish what `dotnet build` just compiled.
            : ["publish", project, "--no-build", "-c", build.Configuration, "-o", output];
        await DotNetAsync(build, publish, cancellationToken).ConfigureAwait(false);

        var published = new PublishedService(output, EntryCommand(output, build.SelfContained), build.Runtime, build.SelfContained);
        build.Log.Information("Published {Project} to {Directory}: {Command}", Directories.Show(sourceDirectory, project), output, string.Join(' ', published.Command));
        return published;
    }

    protected override Task RunTestsAsync(ITest build, string resultsDirectory, CancellationToken cancellationToken)
    {
        var filter = build.TestFilter is { Length: > 0 } f ? ["--filter", f] : Array.Empty<string>();
        // Compile built the tests when it ran; when it was up to date, a changed test (not its input) is built here.
        var once = ToolchainState.Of(build).Compiled ? "--no-build" : "--no-restore";
        return DotNetAsync(build, ["test", File, once, "-c", build.Configuration, "--logger", "trx", "--results-directory", resultsDirectory, .. filter], cancellationToken);
    }

    protected override TestSummary ReadTestResults(ITest build, string resultsDirectory) => TrxReader.ReadDirectory(resultsDirectory);

    private Task DotNetAsync(IDeployBuild build, string[] arguments, CancellationToken cancellationToken) =>
        build.RunProcessAsync("dotnet", [.. arguments, "-nologo"], WorkingDirectory, ChildEnvironment, cancellationToken: cancellationToken);

    /// <summary>The published app is the one with a runtimeconfig.json: its apphost, or <c>dotnet app.dll</c>.</summary>
    private static IReadOnlyList<string> EntryCommand(string output, bool selfContained)
    {
        var apps = Directory.GetFiles(output, "*.runtimeconfig.json");
        if (apps.Length != 1)
        {
            return [];
        }

        var name = Path.GetFileName(apps[0])[..^".runtimeconfig.json".Length];
        return selfContained && System.IO.File.Exists(Path.Combine(output, name)) ? [$"./{name}"] : ["dotnet", $"{name}.dll"];
    }
}
