namespace Deploy.Testing;

/// <summary>
/// Runs a test project's tester build (a small real build compiled beside the tests, started with
/// <c>dotnet &lt;assembly&gt;</c>) as a process against a scratch root, which is deleted on dispose.
/// </summary>
public sealed class BuildProcess : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly string _assembly;
    private readonly string[] _cleared;

    /// <param name="assembly">The tester's file name beside the tests, e.g. <c>Deploy.Prometheus.Tester.dll</c>.</param>
    /// <param name="clearedVariables">
    /// Prefixes of the machine's environment variables the child must not see (its parameters, the conventions its
    /// components read): only what a test gives counts.
    /// </param>
    public BuildProcess(string assembly, params string[] clearedVariables)
    {
        _assembly = assembly;
        _cleared = clearedVariables;
        Root = Path.Combine(Path.GetTempPath(), "deploy-tester-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }

    public string RunRecordPath => Path.Combine(Root, ".nuke", "temp", "run.json");

    public Task<ProcessOutput> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs the tester with <c>--root</c> and <paramref name="args"/>, with <paramref name="environment"/> added to its environment.</summary>
    public Task<ProcessOutput> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(args);

        // The test host runs under the same dotnet that must run the tester; the SDK says which one.
        var dotnet = TestEnvironment.Variables.GetValueOrDefault("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var changes = TestEnvironment.Variables.Keys
            .Where(k => _cleared.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
            .ToDictionary(k => k, string? (_) => null, StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            changes[name] = value;
        }

        return TestProcess.RunAsync(dotnet, [Path.Combine(AppContext.BaseDirectory, _assembly), "--root", Root, .. args], Root, changes, Limit);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
