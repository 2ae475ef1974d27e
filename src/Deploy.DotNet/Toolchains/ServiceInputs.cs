using Deploy.Build;
using Deploy.Build.Processes;

namespace Deploy.DotNet.Toolchains;

/// <summary>
/// What Restore, Compile and Test read, for their <c>Inputs</c>: the service's files (what git tracks or would track in
/// <see cref="IToolchain.ProjectDirectory"/> when it is a git checkout, else its files but <c>bin/</c> and <c>obj/</c>),
/// each target's share of them, and the toolchain's version. The file list and the version are found once per run.
/// </summary>
internal static class ServiceInputs
{
    private static readonly string[] Generated = ["bin", "obj", ".git"];

    /// <summary>The files restoring reads: projects, solutions, MSBuild and NuGet settings, the SDK pin, Go's module files.</summary>
    private static readonly string[] RestoreNames = ["packages.lock.json", "nuget.config", "global.json", "go.mod", "go.sum"];
    private static readonly string[] RestoreExtensions = [".csproj", ".fsproj", ".vbproj", ".sln", ".slnx", ".props", ".targets"];

    /// <summary>
    /// Lists the service's files into the run's state and returns the service's directory (an input itself: another
    /// <c>--project</c> is another service). Declared before the file inputs, which read the list.
    /// </summary>
    public static async Task<string?> ListAsync(IToolchain build, CancellationToken cancellationToken)
    {
        var state = ToolchainState.Of(build);
        if (state.ServiceFiles is null)
        {
            var directory = Path.GetFullPath(Path.Combine(build.SourceDirectory, build.ProjectDirectory));
            state.ServiceFiles = await TrackedAsync(build, directory, cancellationToken).ConfigureAwait(false) ?? Walk(directory);
        }

        return build.ProjectDirectory.Replace('\\', '/');
    }

    /// <summary>What Restore reads of the service's files.</summary>
    public static IEnumerable<string> RestoreFiles(IToolchain build) => Files(build).Where(f =>
        RestoreNames.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase)
        || RestoreExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase));

    /// <summary>What Compile reads: the service's files but its tests (.NET test projects' directories, Go's <c>_test.go</c> files), which Test builds.</summary>
    public static IEnumerable<string> CompileFiles(IToolchain build)
    {
        var files = Files(build);
        var tests = files.Where(f => PublishProjects.IsProject(f) && File.Exists(f) && PublishProjects.Kind(f) == ProjectKind.Test)
            .Select(f => Path.GetDirectoryName(f) + Path.DirectorySeparatorChar)
            .ToList();
        return files.Where(f => !f.EndsWith("_test.go", StringComparison.Ordinal) && !tests.Any(t => f.StartsWith(t, StringComparison.Ordinal)));
    }

    /// <summary>What Test reads: all the service's files.</summary>
    public static IEnumerable<string> TestFiles(IToolchain build) => Files(build);

    /// <summary>The toolchain's version (<c>dotnet --version</c> in the service's directory, so global.json counts; <c>go env GOVERSION</c>).</summary>
    public static async Task<string?> VersionAsync(IToolchain build, CancellationToken cancellationToken)
    {
        var state = ToolchainState.Of(build);
        state.ToolVersion ??= await ToolchainDetector.Detect(build.SourceDirectory, build.Project).VersionAsync(build, cancellationToken).ConfigureAwait(false);
        return state.ToolVersion;
    }

    /// <summary>Runs a program quietly (nothing logged: it only feeds a fingerprint) and returns its stdout lines, or null when it failed.</summary>
    public static async Task<List<string>?> OutputAsync(IDeployBuild build, string program, string[] arguments, string directory, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var request = new ProcessRequest(program, arguments)
        {
            WorkingDirectory = directory,
            Environment = build.EnvironmentVariables,
            EnvironmentChanges = new Dictionary<string, string?>(StringComparer.Ordinal) { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" },
            Output = line => { lock (lines) { lines.Add(line); } },
        };
        try
        {
            var result = await new ProcessRunner(build.Time).RunAsync(request, cancellationToken).ConfigureAwait(false);
            return result.ExitCode == 0 ? lines : null;
        }
        catch (DeployException)
        {
            // Not installed: the caller falls back (git) or the target fails running it (the toolchain).
            return null;
        }
    }

    private static IReadOnlyList<string> Files(IToolchain build) =>
        ToolchainState.Of(build).ServiceFiles ?? throw new InvalidOperationException("The service's files are listed by the input declared before this one.");

    /// <summary>What git tracks, or would (untracked files its ignore rules let in); null when the directory is not in a git checkout.</summary>
    private static async Task<List<string>?> TrackedAsync(IDeployBuild build, string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var lines = await OutputAsync(build, "git", ["-c", "core.quotePath=false", "ls-files", "--cached", "--others", "--exclude-standard"], directory, cancellationToken).ConfigureAwait(false);
        return lines?.Where(l => l.Length > 0).Select(l => Path.GetFullPath(Path.Combine(directory, l))).Order(StringComparer.Ordinal).ToList();
    }

    private static List<string> Walk(string directory)
    {
        var files = new List<string>();
        if (!Directory.Exists(directory))
        {
            return files;
        }

        var pending = new Stack<string>([directory]);
        while (pending.TryPop(out var current))
        {
            files.AddRange(Directory.EnumerateFiles(current));
            foreach (var child in Directory.EnumerateDirectories(current))
            {
                if (!Generated.Contains(Path.GetFileName(child), StringComparer.OrdinalIgnoreCase))
                {
                    pending.Push(child);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
