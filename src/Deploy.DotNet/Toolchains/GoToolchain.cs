using Deploy.Build;
using Deploy.Build.Processes;
using Deploy.DotNet.Testing;

namespace Deploy.DotNet.Toolchains;

/// <summary>A Go module: <c>go mod download</c>, <c>go build</c> (into the publish directory) and <c>go test -json</c>.</summary>
internal sealed class GoToolchain(string moduleDirectory, string sourceDirectory) : Toolchain
{
    private const string ResultsFile = "go-test.json";

    public string ModuleDirectory { get; } = moduleDirectory;

    public override string Description => $"Go module {Directories.Show(sourceDirectory, Path.Combine(ModuleDirectory, "go.mod"))}";

    public override Task RestoreAsync(IRestore build, CancellationToken cancellationToken) =>
        GoAsync(build, ["mod", "download"], GoEnvironment(), cancellationToken);

    public override Task<string> VersionAsync(IToolchain build, CancellationToken cancellationToken) =>
        VersionOfAsync(build, "go", ["env", "GOVERSION"], ModuleDirectory, cancellationToken);

    public override async Task<PublishedService?> CompileAsync(ICompile build, CancellationToken cancellationToken)
    {
        var (os, architecture) = GoPlatform.FromRuntime(build.Runtime);
        var output = build.PublishDirectory;
        Directories.Empty(output);

        // One command builds every package and writes the main packages' binaries into the publish directory
        // (`-o` naming a directory, ending in a separator).
        var stamp = build.SourceRevision is { Length: > 0 } revision ? ["-ldflags", $"-X main.commit={revision}"] : Array.Empty<string>();
        await GoAsync(build, ["build", "-trimpath", .. stamp, "-o", output + Path.DirectorySeparatorChar, "./..."],
            GoEnvironment(("GOOS", os), ("GOARCH", architecture)), cancellationToken).ConfigureAwait(false);

        var binaries = Directory.GetFiles(output).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var entry = build.PublishProject is { Length: > 0 } given ? Path.GetFileName(given.TrimEnd('/', '\\')) : binaries.Count == 1 ? binaries[0] : null;
        if (binaries.Count == 0)
        {
            build.Log.Warning("{Toolchain} has no main package, so nothing is published for an image", Description);
            return null;
        }

        if (entry is null || !binaries.Contains(entry))
        {
            build.Log.Warning("Published {Binaries}; say which starts the service with --publish-project", string.Join(", ", binaries));
        }

        var published = new PublishedService(output, entry is not null && binaries.Contains(entry) ? [$"./{entry}"] : [], build.Runtime, SelfContained: true);
        build.Log.Information("Published {Binaries} to {Directory}", string.Join(", ", binaries), output);
        return published;
    }

    protected override async Task RunTestsAsync(ITest build, string resultsDirectory, CancellationToken cancellationToken)
    {
        // go test -json writes its events to stdout: they go to a file to parse, so the log gets the readable summary
        // below instead of raw JSON (its stderr, build errors, is logged as it comes).
        RequireGo(build);
        var filter = build.TestFilter is { Length: > 0 } f ? ["-run", f] : Array.Empty<string>();
        var results = new StreamWriter(Path.Combine(resultsDirectory, ResultsFile));
        await using (results.ConfigureAwait(false))
        {
            await build.RunProcessAsync("go", ["test", "-json", .. filter, "./..."], ModuleDirectory, GoEnvironment(), results.WriteLine, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override TestSummary ReadTestResults(ITest build, string resultsDirectory)
    {
        var file = Path.Combine(resultsDirectory, ResultsFile);
        var results = File.Exists(file) ? GoTestJsonReader.Read(File.ReadLines(file)) : new GoTestResults(TestSummary.Empty, []);
        foreach (var package in results.Packages)
        {
            build.Log.Information("{Outcome,-4} {Package}", package.Passed ? "ok" : "FAIL", package.Name);
        }

        return results.Summary;
    }

    private Task GoAsync(IDeployBuild build, string[] arguments, Dictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        RequireGo(build);
        return build.RunProcessAsync("go", arguments, ModuleDirectory, environment, cancellationToken: cancellationToken);
    }

    private void RequireGo(IDeployBuild build)
    {
        if (ProcessRunner.FindOnPath("go", build.EnvironmentVariables) is null)
        {
            throw new DeployException(
                $"Found a Go module in '{ModuleDirectory}', but the go command is not on PATH. Install Go (on Debian: apt-get install golang-go) and run again.");
        }
    }

    /// <summary>Static binaries (no cgo), so they run on any base image.</summary>
    private static Dictionary<string, string?> GoEnvironment(params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["CGO_ENABLED"] = "0" };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        return environment;
    }
}
