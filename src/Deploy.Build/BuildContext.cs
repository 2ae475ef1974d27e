using Serilog;
using Serilog.Core;

namespace Deploy.Build;

/// <summary>What a build instance knows about its run: root, logger, parameter values, clock, environment. One per build object.</summary>
internal sealed class BuildContext(
    string rootDirectory,
    ILogger log,
    IReadOnlyDictionary<string, object?> values,
    TimeProvider time,
    IReadOnlyDictionary<string, string> environment)
{
    /// <summary>A build object that no run has configured (one a test creates and reads directly): no environment, the real clock.</summary>
    public static BuildContext Unconfigured { get; } = new(
        Directory.GetCurrentDirectory(), Logger.None, new Dictionary<string, object?>(), TimeProvider.System, new Dictionary<string, string>());

    public string RootDirectory { get; } = rootDirectory;
    public ILogger Log { get; } = log;
    public IReadOnlyDictionary<string, object?> Values { get; } = values;
    public TimeProvider Time { get; } = time;
    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    /// <summary>The planned targets <c>--force</c> names (all of them for <c>--force</c> alone); set once the run is planned.</summary>
    public IReadOnlySet<string> Forced { get; set; } = new HashSet<string>();
}
