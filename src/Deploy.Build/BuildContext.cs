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
    /// <summary>
    /// A build object that no run has configured (one a test creates and reads directly): no environment, and a clock
    /// that says so when read, rather than a real one a component would quietly run on.
    /// </summary>
    public static BuildContext Unconfigured { get; } = new(
        Directory.GetCurrentDirectory(), Logger.None, new Dictionary<string, object?>(), new NoClock(), new Dictionary<string, string>());

    public string RootDirectory { get; } = rootDirectory;
    public ILogger Log { get; } = log;
    public IReadOnlyDictionary<string, object?> Values { get; } = values;
    public TimeProvider Time { get; } = time;
    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    /// <summary>The planned targets <c>--force</c> names (all of them for <c>--force</c> alone); set once the run is planned.</summary>
    public IReadOnlySet<string> Forced { get; set; } = new HashSet<string>();

    /// <summary>The fingerprints of this run's targets, by name, as the engine takes them (before each starts).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> Fingerprints { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The clock of a build that is not running: the run's clock comes with the run.</summary>
    private sealed class NoClock : TimeProvider
    {
        private const string Message = "This build is not running, so it has no clock yet: the run hands it one (DeployBuild.Execute, or a test's BuildDriver).";

        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException(Message);

        public override long GetTimestamp() => throw new InvalidOperationException(Message);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => throw new InvalidOperationException(Message);
    }
}
