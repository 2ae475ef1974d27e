using Deploy.Build.Definition;
using Deploy.Build.Parameters;
using Deploy.Build.Planning;

namespace Deploy.Build;

/// <summary>
/// A read-only view of a build for tools that describe or drive it (workflow generators, servers): its
/// targets with their relations as the planner resolves them, its parameters, its default targets, and the graph
/// a run of given targets plans (<see cref="Plan"/>).
/// </summary>
public sealed class BuildDescription
{
    private readonly BuildModel _model;

    private BuildDescription(BuildModel model, string rootDirectory, IReadOnlyList<TargetDescription> targets, IReadOnlyList<ParameterDescription> parameters, IReadOnlyList<string> defaultTargets)
    {
        _model = model;
        RootDirectory = rootDirectory;
        Targets = targets;
        Parameters = parameters;
        DefaultTargets = defaultTargets;
    }

    /// <summary>The build's root (the directory holding <c>.nuke/</c>).</summary>
    public string RootDirectory { get; }

    /// <summary>Every target, in declaration order.</summary>
    public IReadOnlyList<TargetDescription> Targets { get; }

    /// <summary>Every parameter, in the order <c>--help</c> lists them.</summary>
    public IReadOnlyList<ParameterDescription> Parameters { get; }

    /// <summary>The targets a run without target names runs.</summary>
    public IReadOnlyList<string> DefaultTargets { get; }

    /// <summary>A target by name, matched like the command line does (case and hyphens ignored); null when there is none.</summary>
    public TargetDescription? FindTarget(string name) =>
        Targets.FirstOrDefault(t => Names.Normalize(t.Name) == Names.Normalize(name));

    /// <summary>A parameter by name, matched like the command line does; null when there is none.</summary>
    public ParameterDescription? FindParameter(string name) =>
        Parameters.FirstOrDefault(p => Names.Normalize(p.CliName) == Names.Normalize(name));

    /// <summary>
    /// The graph the engine's planner plans for a run of <paramref name="targets"/> (the default targets when empty),
    /// with <paramref name="skip"/> applied as <c>--skip</c> applies it (null: skip nothing; empty: every target not
    /// named). The targets' static conditions are evaluated with this invocation's parameter values; their
    /// requirement and <c>Validates</c> checks are not run.
    /// </summary>
    /// <exception cref="DeployException">A target is unknown or the targets form a cycle: every problem, one per line.</exception>
    public PlanDescription Plan(IReadOnlyList<string> targets, IReadOnlyList<string>? skip = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var planned = Planner.Graph(_model, new PlanRequest(targets, skip), DefaultTargets);
        return planned.Plan is { } plan && planned.Problems.Count == 0
            ? PlanDescription.Create(plan)
            : throw new DeployException(string.Join(Environment.NewLine, planned.Problems));
    }

    internal static BuildDescription Create(
        string root,
        BuildModel model,
        IReadOnlyList<ParameterDescriptor> parameters,
        IReadOnlyDictionary<string, object?> values,
        IReadOnlyList<Cli.GivenValue> commandLine,
        IReadOnlyList<string> defaultTargets)
    {
        string[] NamesOf(IEnumerable<int> indices) => indices.Select(i => model.Targets[i].Name).ToArray();
        var targets = model.Targets.Select(t => new TargetDescription(
            t.Name,
            t.Description,
            NamesOf(t.DependsOn),
            NamesOf(t.After),
            NamesOf(t.Triggers),
            t.Outputs.Select(o => o.Name).ToArray(),
            t.Unlisted,
            t.IsCollective)).ToList();

        var described = parameters.Select(p =>
        {
            var given = commandLine.Where(v => Names.Normalize(v.Name) == p.Normalized).SelectMany(v => v.Values).ToArray();
            return new ParameterDescription(
                p.Name,
                p.CliName,
                p.EnvironmentName,
                p.Description,
                p.IsSecret,
                p.ValueType,
                p.IsSecret ? null : p.Default,
                p.IsSecret ? null : values.GetValueOrDefault(p.MemberName),
                commandLine.Any(v => Names.Normalize(v.Name) == p.Normalized) ? given : null,
                p.IsFrequent,
                p.Member.DeclaringType is { IsInterface: true } component ? component.Name : null);
        }).ToList();

        var defaults = defaultTargets.Select(d => model.Find(d)?.Name ?? d).ToArray();
        return new BuildDescription(model, root, targets, described, defaults);
    }
}
