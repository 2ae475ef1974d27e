using Deploy.Build.Definition;
using Deploy.Build.Fingerprints;
using Deploy.Build.Logging;
using Deploy.Build.Parameters;
using Deploy.Build.Planning;
using Deploy.Build.Records;
using Deploy.Build.Reports;

namespace Deploy.Build.Cli;

/// <summary>
/// One invocation, start to end: parse the command line and find the root, then take one path: <c>--help</c>,
/// <c>--report</c>, a component's command, <c>--plan</c>, or a run (BuildRunner.Run.cs). Every path reports all of
/// its problems at once (exit 2) before it does anything.
/// </summary>
internal static partial class BuildRunner
{
    public static async Task<int> RunAsync(DeployBuild build, IReadOnlyList<string> args, DefaultTargets defaults, BuildHost host)
    {
        var line = CommandLine.Parse(args);
        var problems = new List<string>(line.Problems);
        var root = FindRoot(line.Root, host, problems);
        var parameters = ParameterDiscovery.Find(build, problems);
        var commands = BuildCommands.Find(build, problems);
        if (line.Help)
        {
            return await HelpAsync(build, root ?? host.CurrentDirectory, parameters, defaults, commands, host).ConfigureAwait(false);
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
        var isRun = !line.Plan && command is null;
        using var invocation = await Invocation.StartAsync(build, line, host, root, parameters, isRun, problems).ConfigureAwait(false);
        if (invocation is null)
        {
            await host.Error.WriteLineAsync("Cancelled while waiting for the other run on this root; nothing ran.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }

        if (isRun)
        {
            LogProvenance(invocation.Logger, invocation.Given);
        }

        var model = BuildModelLoader.Load(build);
        var defaultTargets = defaults.Names(model, problems);
        BuildSchema.WriteIfChanged(Path.Combine(root, ".nuke", "build.schema.json"), BuildSchema.Render(model, parameters));
        if (command is { } invoked)
        {
            return await RunCommandAsync(invocation, model, invoked.Command, invoked.Values, invoked.Modifiers, defaultTargets, problems).ConfigureAwait(false);
        }

        var fingerprint = ContinueState.Fingerprint(args);
        var planned = Plan(invocation, model, defaultTargets, fingerprint, problems);
        var parallelism = line.Parallel ?? host.ProcessorCount;
        if (problems.Count > 0 || planned.Plan is not { } plan)
        {
            return line.Plan
                ? await ReportAsync(host, problems, invocation.Masker).ConfigureAwait(false)
                : await InvalidRun(invocation, parallelism).ReportAsync(planned.Plan, problems).ConfigureAwait(false);
        }

        build.Context.Forced = plan.Targets.Where(t => t.Forced).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var store = new OutputStore(root, fingerprint, invocation.Masker);
        var fingerprints = Fingerprinter.For(root, build, parameters, keepHashes: !line.Plan);
        return line.Plan
            ? await WritePlanAsync(invocation, plan, parallelism, fingerprints, store).ConfigureAwait(false)
            : await RunTargetsAsync(invocation, model, plan, parallelism, fingerprint, store, fingerprints).ConfigureAwait(false);
    }

    /// <summary>
    /// Plans the targets the command line asks for (with <c>--continue</c>, what the last run with the same arguments
    /// finished is skipped). Parameter problems, definition problems, unknown targets, unmet requirements and every
    /// planned target's own checks (Validates) all land in <paramref name="problems"/>: one run shows everything there is to fix.
    /// </summary>
    private static PlanResult Plan(Invocation invocation, BuildModel model, IReadOnlyList<string> defaultTargets, string fingerprint, List<string> problems)
    {
        var line = invocation.Line;
        var previous = line.Continue ? ContinueState.Load(invocation.Temporary, fingerprint) : null;
        if (line.Continue && previous is null)
        {
            invocation.Logger.Warning("--continue: no earlier run with the same arguments was recorded, so everything runs");
        }

        var planned = Planner.Plan(model, new PlanRequest(line.Targets, line.Skip, previous, line.Force), defaultTargets, DescribeParameter(invocation.Parameters));
        problems.AddRange(planned.Problems.Where(p => !problems.Contains(p)));
        return planned;
    }

    /// <summary><c>--help</c>: the targets, parameters and commands; nothing resolved, nothing run.</summary>
    private static async Task<int> HelpAsync(
        DeployBuild build,
        string root,
        IReadOnlyList<ParameterDescriptor> parameters,
        DefaultTargets defaults,
        IReadOnlyList<IBuildCommand> commands,
        BuildHost host)
    {
        build.Context = new BuildContext(root, Serilog.Core.Logger.None, new Dictionary<string, object?>(), host.Time, host.Environment);
        var model = BuildModelLoader.Load(build);
        await host.Out.WriteAsync(HelpWriter.Render(model, parameters, defaults.Names(model, problems: null), host.ProcessorCount, commands)).ConfigureAwait(false);
        return ExitCodes.Succeeded;
    }

    /// <summary>A component's command (<c>--generate-workflow</c>, <c>--serve</c>): it gets the build's description instead of a plan.</summary>
    private static async Task<int> RunCommandAsync(
        Invocation invocation,
        BuildModel model,
        IBuildCommand command,
        IReadOnlyList<string> values,
        IReadOnlyDictionary<string, IReadOnlyList<string>> modifiers,
        IReadOnlyList<string> defaultTargets,
        List<string> problems)
    {
        problems.AddRange(model.Problems);
        if (problems.Count > 0)
        {
            return await ReportAsync(invocation.Host, problems, invocation.Masker).ConfigureAwait(false);
        }

        var host = invocation.Host;
        var description = BuildDescription.Create(invocation.Root, model, invocation.Parameters, invocation.Values, invocation.Line.Parameters, defaultTargets);
        var context = new BuildCommandContext(description, values, modifiers, host.Out, host.Error, host.Environment);
        return await command.RunAsync(context, host.Cancellation).ConfigureAwait(false);
    }

    /// <summary><c>--plan</c>: the waves on the console and <c>execution-plan.html</c>; nothing run.</summary>
    private static async Task<int> WritePlanAsync(Invocation invocation, ExecutionPlan plan, int parallelism, Fingerprinter fingerprints, OutputStore store)
    {
        var upToDate = await UpToDateForecast.ComputeAsync(plan, fingerprints, store, invocation.Host.Cancellation).ConfigureAwait(false);
        await invocation.Host.Out.WriteAsync(PlanWriter.Render(plan, parallelism, upToDate)).ConfigureAwait(false);
        Html.Write(Path.Combine(invocation.Temporary, PlanPage.FileName), PlanPage.Render(plan, parallelism));
        return ExitCodes.Succeeded;
    }

    private static InvalidRun InvalidRun(Invocation invocation, int parallelism) =>
        new(invocation.Host, invocation.Temporary, parallelism, invocation.Given, invocation.Masker, invocation.Logger);

    internal static async Task<int> ReportAsync(BuildHost host, IReadOnlyList<string> problems, SecretMasker masker)
    {
        foreach (var problem in problems)
        {
            await host.Error.WriteLineAsync(masker.Apply($"error: {problem}")).ConfigureAwait(false);
        }

        await host.Error.WriteLineAsync($"Nothing ran ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}).").ConfigureAwait(false);
        return ExitCodes.Invalid;
    }
}
