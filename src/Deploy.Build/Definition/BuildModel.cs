namespace Deploy.Build.Definition;

/// <summary>Every target of a build, resolved, plus what was wrong with the definition.</summary>
internal sealed class BuildModel
{
    private readonly Dictionary<string, TargetSpec> _byName;
    private readonly IReadOnlyDictionary<Target, int> _indexOf;

    /// <param name="targets">The targets, in the order the build declares them.</param>
    /// <param name="problems">Definition problems.</param>
    /// <param name="observers">The build's run observers.</param>
    /// <param name="indexOf">Each target property's value (a delegate: equal to another from the same property of the same build) and its index in <paramref name="targets"/>.</param>
    public BuildModel(IReadOnlyList<TargetSpec> targets, IReadOnlyList<string> problems, IReadOnlyList<IRunObserver> observers, IReadOnlyDictionary<Target, int> indexOf)
    {
        Targets = targets;
        _indexOf = indexOf;
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

    /// <summary>The name of the target property whose value <paramref name="target"/> is, or null when it is none of them.</summary>
    public string? NameOf(Target target) => _indexOf.TryGetValue(target, out var index) ? Targets[index].Name : null;
}
