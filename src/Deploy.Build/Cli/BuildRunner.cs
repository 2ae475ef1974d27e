using Deploy.Build.Definition;
using Deploy.Build.Execution;
using Deploy.Build.Hosts;
using Deploy.Build.Logging;
using Deploy.Build.Parameters;
using Deploy.Build.Planning;
using Deploy.Build.Progress;
using Deploy.Build.Records;
using Deploy.Build.Reports;
using Serilog;
using static Deploy.Build.ExitCodes;

namespace Deploy.Build.Cli;

/// <summary>
/// One invocation, start to end: parse the command line, find the root, resolve parameters, load and plan
/// the targets (reporting every problem at once, exit 2), then run, summarise and write the run record.
/// </summary>
internal static partial class BuildRunner
{
    public static async Task<int> RunAsync(DeployBuild build, IReadOnlyList<string> args, IReadOnlyList<string> defaultTargets, BuildHost host)
    {
        var line = CommandLine.Parse(args);
        var problems = new List<string>(line.Problems);
        var root = FindRoot(line.Root, host, problems);
        var parameters = ParameterDiscovery.Find(build, problems);
        var commands = BuildCommands.Find(build, problems);
        if (line.Help)
        {
            build.Context = new BuildContext(root ?? host.CurrentDirectory, Serilog.Core.Logger.None, new Dictionary<string, object?>(), host.Time, host.Environment);
            var help = BuildModelLoader.Load(build);
            await host.Out.WriteAsync(HelpWriter.Render(help, parameters, defaultTargets, host.ProcessorCount, commands)).ConfigureAwait(false);
            return Succeeded;
        }

        if (line.Report is not null && line.Problems.Count == 0 && (root is not null || line.Root is null))
        {
            return await RenderReportAsync(line.Report, root, host).ConfigureAwait(false);
        }

        if (root is null)
        {
            return await ReportAsync(host, problems, new SecretMasker()).ConfigureAwait(false);
        }

        var command = BuildCommands.Claim(commands, line, problems);
        var masker = new SecretMasker();
        var files = LoadParameterFiles(root, line.Profile, problems);
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
        var scope = new TargetScope();
        var isRun = !line.Plan && command is null;
        var logFile = isRun ? OpenLogFile(temporary) : null;
        using var live = isRun && ProgressMode.IsInteractive(host, line.NoProgress) ? LiveView.Create(host.Out, host.Time) : null;
        using var sink = new LineSink(host.Out, logFile, masker, line.Verbosity, onGitHub ? new GitHubActionsLog() : null, live);
        using var logger = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.With(scope).WriteTo.Sink(sink).CreateLogger();
        build.Context = new BuildContext(root, logger, values, host.Time, host.Environment);
        if (isRun)
        {
            LogProvenance(logger, given);
        }

        var model = BuildModelLoader.Load(build);
        BuildSchema.WriteIfChanged(Path.Combine(root, ".nuke", "build.schema.json"), BuildSchema.Render(model, parameters));
        if (command is { } invoked)
        {
            problems.AddRange(model.Problems);
            if (problems.Count > 0)
            {
                return await ReportAsync(host, problems, masker).ConfigureAwait(false);
            }

            var description = BuildDescription.Create(root, model, parameters, values, line.Parameters, defaultTargets);
            var context = new BuildCommandContext(description, invoked.Values, invoked.Modifiers, host.Out, host.Error, host.Environment);
            return await invoked.Command.RunAsync(context, host.Cancellation).ConfigureAwait(false);
        }

        var fingerprint = ContinueState.Fingerprint(args);
        var previous = line.Continue ? ContinueState.Load(temporary, fingerprint) : null;
        if (line.Continue && previous is null)
        {
            logger.Warning("--continue: no earlier run with the same arguments was recorded, so everything runs");
        }

        // Parameter problems, definition problems, unknown targets, unmet requirements and every planned target's
        // own checks (Validates) are all reported at once: one run shows everything there is to fix.
        var planned = Planner.Plan(model, new PlanRequest(line.Targets, line.Skip, previous), defaultTargets, DescribeParameter(parameters));
        problems.AddRange(planned.Problems.Where(p => !problems.Contains(p)));
        var parallelism = line.Parallel ?? host.ProcessorCount;
        var invalid = new InvalidRun(host, temporary, parallelism, given, masker, logger);
        if (problems.Count > 0 || planned.Plan is not { } plan)
        {
            return line.Plan ? await ReportAsync(host, problems, masker).ConfigureAwait(false) : await invalid.ReportAsync(planned.Plan, problems).ConfigureAwait(false);
        }

        if (line.Plan)
        {
            await host.Out.WriteAsync(PlanWriter.Render(plan, parallelism)).ConfigureAwait(false);
            Html.Write(Path.Combine(temporary, PlanPage.FileName), PlanPage.Render(plan, parallelism));
            return Succeeded;
        }

        var unreachable = await Preflights.RunAsync(plan, host.Time, host.Cancellation).ConfigureAwait(false);
        if (unreachable.Count > 0)
        {
            return await invalid.ReportAsync(plan, unreachable).ConfigureAwait(false);
        }

        sink.SetTargetWidth(plan.Targets.Max(t => t.Name.Length));
        var github = onGitHub ? new GitHubActionsHost(sink, host.Environment, masker) : null;
        IRunObserver? console = github ?? (IRunObserver?)live;
        var store = new OutputStore(root, fingerprint, masker);
        var services = new RunServices(logger, scope, host.Time, masker, console is null ? model.Observers : [.. model.Observers, console], store);
        var executor = new Executor(plan, new ExecutorOptions(parallelism, line.KeepGoing), services);
        var outcome = await executor.RunAsync(host.Cancellation).ConfigureAwait(false);
        var targets = outcome.Targets.Select(executor.ToEvent).ToList();

        var finished = new RunFinishedEvent(outcome.Result, outcome.StartedAt, outcome.FinishedAt, targets);
        foreach (var observer in model.Observers)
        {
            try
            {
                await observer.RunFinishedAsync(finished, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                logger.Warning("Observer {Observer} failed at the end of the run: {Message}", observer.GetType().Name, exception.Message);
            }
        }

        var criticalPath = CriticalPath.Find(targets, CriticalPath.Prerequisites(plan));
        live?.Stop();
        sink.WriteSummary(SummaryWriter.Render(outcome, targets, finished.SummaryNotes, criticalPath));
        if (github is not null)
        {
            await github.WriteFilesAsync(outcome, targets, criticalPath, logger).ConfigureAwait(false);
        }

        var record = RunRecord.Render(outcome, parallelism, targets, given, [], masker.Apply);
        await RunRecord.WriteAsync(temporary, record).ConfigureAwait(false);
        WriteRunPage(record, temporary, logger);
        var succeeded = targets.Where(t => t.Status == TargetStatus.Succeeded || t.Reason == Planner.ContinueReason).Select(t => t.Name);
        ContinueState.Save(temporary, fingerprint, succeeded);

        return outcome.Result switch
        {
            RunResult.Succeeded => Succeeded,
            RunResult.Failed => Failed,
            _ => Cancelled,
        };
    }

    /// <summary><c>container-name = web (from .nuke/parameters.json)</c>, one line per parameter given a value, before the first target.</summary>
    private static void LogProvenance(ILogger logger, IReadOnlyList<ResolvedParameter> given)
    {
        foreach (var parameter in given)
        {
            logger.Information("{Parameter} = {Value} (from {Source})", parameter.Parameter.CliName, parameter.Shown, parameter.Source);
        }
    }

    internal static async Task<int> ReportAsync(BuildHost host, IReadOnlyList<string> problems, SecretMasker masker)
    {
        foreach (var problem in problems)
        {
            await host.Error.WriteLineAsync(masker.Apply($"error: {problem}")).ConfigureAwait(false);
        }

        await host.Error.WriteLineAsync($"Nothing ran ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}).").ConfigureAwait(false);
        return Invalid;
    }

    /// <summary>run.html from run.json alone, like <c>--report</c> does later; a page that cannot be drawn never fails the run.</summary>
    internal static void WriteRunPage(byte[] record, string temporary, ILogger logger)
    {
        try
        {
            RunReportFile.Write(record, temporary);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            logger.Warning("Could not write {Page}: {Message}", RunPage.FileName, exception.Message);
        }
    }

    /// <summary>
    /// <c>--report FILE</c>: draws a saved run.json as run.html in the root's .nuke/temp (beside the file when there is
    /// no root), and runs nothing. A file that is missing or not a run record: one message, exit 2.
    /// </summary>
    private static async Task<int> RenderReportAsync(string file, string? root, BuildHost host)
    {
        var path = Path.GetFullPath(file, host.CurrentDirectory);
        if (!File.Exists(path))
        {
            await host.Error.WriteLineAsync($"error: --report '{file}': no such file ({path}). Pass the path of a run.json a run wrote (.nuke/temp/run.json).").ConfigureAwait(false);
            return Invalid;
        }

        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await host.Error.WriteLineAsync($"error: --report '{file}': cannot read it ({exception.Message}). Pass the path of a run.json a run wrote (.nuke/temp/run.json).").ConfigureAwait(false);
            return Invalid;
        }

        var directory = root is null ? Path.GetDirectoryName(path)! : Path.Combine(root, ".nuke", "temp");
        try
        {
            Directory.CreateDirectory(directory);
            var written = RunReportFile.Write(content, directory);
            await host.Out.WriteLineAsync($"Wrote {written}").ConfigureAwait(false);
            return Succeeded;
        }
        catch (FormatException exception)
        {
            await host.Error.WriteLineAsync($"error: --report '{file}' is not a run record: {exception.Message}.").ConfigureAwait(false);
            return Invalid;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await host.Error.WriteLineAsync($"error: --report: cannot write {RunPage.FileName} in '{directory}' ({exception.Message}).").ConfigureAwait(false);
            return Invalid;
        }
    }

    private static string? FindRoot(string? given, BuildHost host, List<string> problems)
    {
        if (given is not null)
        {
            var full = Path.GetFullPath(given, host.CurrentDirectory);
            if (Directory.Exists(Path.Combine(full, ".nuke")))
            {
                return full;
            }

            problems.Add($"--root '{given}' has no .nuke directory. Point --root at the directory holding .nuke/ (or create it there).");
            return null;
        }

        foreach (var start in new[] { host.CurrentDirectory, host.ApplicationDirectory })
        {
            for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                {
                    return directory.FullName;
                }
            }
        }

        problems.Add($"No .nuke directory in '{host.CurrentDirectory}' or above it, so there is no build root. Run from inside the repository, pass --root DIR, or create .nuke/ at the root.");
        return null;
    }

    /// <summary>The profile's file first (it wins), then the shared one.</summary>
    private static List<ParameterFile> LoadParameterFiles(string root, string? profile, List<string> problems)
    {
        var files = new List<ParameterFile>();
        if (profile is not null)
        {
            var shown = $".nuke/parameters.{profile}.json";
            if (ParameterFile.Load(Path.Combine(root, ".nuke", $"parameters.{profile}.json"), shown, problems) is { } file)
            {
                files.Add(file);
            }
            else if (!File.Exists(Path.Combine(root, ".nuke", $"parameters.{profile}.json")))
            {
                problems.Add($"--profile {profile}: {shown} does not exist. Create it, or drop --profile.");
            }
        }

        if (ParameterFile.Load(Path.Combine(root, ".nuke", "parameters.json"), ".nuke/parameters.json", problems) is { } shared)
        {
            files.Add(shared);
        }

        return files;
    }

    /// <summary>"ApiKey" (a requirement's text) → "--api-key (or environment variable DEPLOY_API_KEY)".</summary>
    private static Func<string, string?> DescribeParameter(IReadOnlyList<ParameterDescriptor> parameters) => text =>
        parameters.FirstOrDefault(p => p.MemberName == text.Trim())?.HowToSet;

    private static StreamWriter OpenLogFile(string temporary)
    {
        RunHistory.Rotate(temporary);
        return new(new FileStream(Path.Combine(temporary, RunHistory.LogFileName), FileMode.Create, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }
}
