namespace Deploy.Rollout.Tests.Support;

/// <summary>
/// A clone of this repository with its build compiled once (./build.sh --help compiles build/), for tests that run
/// the stock pipeline several times, each in a build root of its own (<see cref="NewRoot"/>, <c>--root</c>).
/// </summary>
public sealed class StockBuildClone : IAsyncLifetime
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("deploy-stock-build-");
    private readonly List<string> _roots = [];

    /// <summary>The clone's working tree: build.sh, and the repository the stock build clones by <c>--repository</c>.</summary>
    public string RepositoryDirectory => Path.Combine(_scratch.FullName, "repository");

    /// <summary>The commit the clone is at: what a full run deploys (the sample serves its commit).</summary>
    public string Commit { get; private set; } = "";

    public string BuildScript => Path.Combine(RepositoryDirectory, "build.sh");

    public async Task InitializeAsync()
    {
        // A clone, not a copy: uncommitted changes of a working copy are not in it (CI runs on a clean clone).
        await Script.RunToSuccessAsync("git", ["clone", "--quiet", Repository.Root, RepositoryDirectory], _scratch.FullName);
        Commit = (await Script.RunToSuccessAsync("git", ["rev-parse", "HEAD"], RepositoryDirectory)).Trim();
        await Script.RunToSuccessAsync(BuildScript, ["--help"], RepositoryDirectory);
    }

    /// <summary>An empty build root (a directory holding .nuke/ with the repository's parameters.json), deleted with the clone.</summary>
    public string NewRoot()
    {
        var root = Path.Combine(_scratch.FullName, $"root-{_roots.Count + 1}");
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        File.Copy(Path.Combine(RepositoryDirectory, ".nuke", "parameters.json"), Path.Combine(root, ".nuke", "parameters.json"));
        _roots.Add(root);
        return root;
    }

    public Task DisposeAsync()
    {
        _scratch.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
