using Deploy.Build.Hosts;
using Deploy.Build.Logging;
using Deploy.Build.Parameters;
using Deploy.Build.Progress;
using Deploy.Build.Records;
using Serilog;

namespace Deploy.Build.Cli;

/// <summary>
/// What a command, <c>--plan</c> and a run share once the root is known: the parameters resolved (and registered as
/// masks under GitHub Actions), the console and log file, the logger, and the build given its context. Disposing it
/// closes the log.
/// </summary>
internal sealed class Invocation : IDisposable
{
    private readonly Serilog.Core.Logger _logger;
    private readonly RunLock? _runLock;

    private Invocation(
        DeployBuild build,
        CommandLine line,
        BuildHost host,
        string root,
        IReadOnlyList<ParameterDescriptor> parameters,
        IReadOnlyDictionary<string, object?> values,
        IReadOnlyList<ResolvedParameter> given,
        SecretMasker masker,
        bool onGitHub,
        TargetScope scope,
        ILiveView? live,
        LineSink sink,
        RunLock? runLock)
    {
        _runLock = runLock;
        Build = build;
        Line = line;
        Host = host;
        Root = root;
        Temporary = Path.Combine(root, ".nuke", "temp");
        Parameters = parameters;
        Values = values;
        Given = given;
        Masker = masker;
        OnGitHub = onGitHub;
        Scope = scope;
        Live = live;
        Sink = sink;
        _logger = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.With(scope).WriteTo.Sink(sink).CreateLogger();
    }

    public DeployBuild Build { get; }
    public CommandLine Line { get; }
    public BuildHost Host { get; }
    public string Root { get; }

    /// <summary><c>.nuke/temp</c>: the run record, the log, the outputs.</summary>
    public string Temporary { get; }

    public IReadOnlyList<ParameterDescriptor> Parameters { get; }
    public IReadOnlyDictionary<string, object?> Values { get; }

    /// <summary>The parameters given a value, and where from.</summary>
    public IReadOnlyList<ResolvedParameter> Given { get; }

    public SecretMasker Masker { get; }

    /// <summary>Whether this process runs as a GitHub Actions step (GITHUB_ACTIONS=true).</summary>
    public bool OnGitHub { get; }

    public TargetScope Scope { get; }

    /// <summary>The live progress view, when the console is a terminal and this is a run.</summary>
    public ILiveView? Live { get; }

    public LineSink Sink { get; }
    public ILogger Logger => _logger;

    /// <summary>
    /// Resolves the parameters (problems go to <paramref name="problems"/>), injects them, and opens the console and,
    /// for a run (<paramref name="isRun"/>), the log file and live view.
    /// </summary>
    /// <returns>Null when this is a run and it was cancelled while waiting for another run on the root.</returns>
    public static async Task<Invocation?> StartAsync(
        DeployBuild build,
        CommandLine line,
        BuildHost host,
        string root,
        IReadOnlyList<ParameterDescriptor> parameters,
        bool isRun,
        List<string> problems)
    {
        var masker = new SecretMasker();
        var files = BuildRunner.LoadParameterFiles(root, line.Profile, problems);
        var given = new List<ResolvedParameter>();
        var values = ParameterResolver.Resolve(parameters, line.Parameters, host.Environment, files, masker, problems, given);
        ParameterResolver.Inject(build, parameters, values);

        // GitHub Actions masks a value only from the moment it is registered, in our lines and in what child tools
        // print: so the secrets are registered before this process writes anything else.
        var onGitHub = GitHubActionsLog.IsActive(host.Environment);
        if (onGitHub)
        {
            await host.Out.WriteAsync(GitHubActionsCommands.AddMasks(given.Where(g => g.Parameter.IsSecret).SelectMany(g => g.Values))).ConfigureAwait(false);
        }

        var temporary = Path.Combine(root, ".nuke", "temp");
        Directory.CreateDirectory(temporary);

        // One run at a time on a root (RunLock), from before the log rotates until the run record is written.
        var runLock = isRun ? await RunLock.AcquireAsync(temporary, host.Error, host.Time, host.Cancellation).ConfigureAwait(false) : null;
        if (isRun && runLock is null)
        {
            return null;
        }

        var logFile = isRun ? BuildRunner.OpenLogFile(temporary) : null;
        var live = isRun && ProgressMode.IsInteractive(host, line.NoProgress) ? LiveView.Create(host.Out, host.Time) : null;
        var sink = new LineSink(host.Out, logFile, masker, line.Verbosity, onGitHub ? new GitHubActionsLog() : null, live);
        var invocation = new Invocation(build, line, host, root, parameters, values, given, masker, onGitHub, new TargetScope(), live, sink, runLock);
        build.Context = new BuildContext(root, invocation.Logger, values, host.Time, host.Environment);
        return invocation;
    }

    public void Dispose()
    {
        _logger.Dispose();
        Sink.Dispose();
        Live?.Dispose();
        _runLock?.Dispose();
    }
}
