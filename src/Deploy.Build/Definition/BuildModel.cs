namespace Deploy.Build.Definition;

/// <summary>Every target of a build, resolved, plus what was wrong with the definition.</summary>
internal sealed class BuildModel
{
    private readonly Dictionary<string, TargetSpec> _byName;

    public BuildModel(IReadOnlyList<TargetSpec> targets, IReadOnlyList<string> problems, IReadOnlyList<IRunObserver> observers)
    {
        Targets = targets;
        Problems = problems;
        Observers = observers;
        _byName = new Dictionary<string, TargetSpec>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            _byName.TryAdd(Names.Normalize(target.Name), target);
        }
    }

    public IReadOnlyList<TargetSpec> Targets { get; }

    /// <summary>Definition problems (reported with planning problems, exit 2).</summary>
    public IReadOnlyList<string> Problems { get; }

    public IReadOnlyList<IRunObserver> Observers { get; }

    /// <summary>Finds a target by name, case-insensitively and ignoring hyphens and underscores.</summary>
    public TargetSpec? Find(string name) => _byName.GetValueOrDefault(Names.Normalize(name));
}
