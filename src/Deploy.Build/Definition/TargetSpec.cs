namespace Deploy.Build.Definition;

/// <summary>A target with its references resolved to indices into <see cref="BuildModel.Targets"/>.</summary>
internal sealed class TargetSpec
{
    public required int Index { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<Func<CancellationToken, Task>> Actions { get; init; } = [];

    /// <summary>Targets that must finish (successfully) before this one; planning this one plans them.</summary>
    public List<int> DependsOn { get; } = [];

    /// <summary>Targets this one runs after when both are planned (After, and Before seen from the other side).</summary>
    public List<int> After { get; } = [];

    /// <summary>The targets in <see cref="After"/> that are there because they declared <c>Before</c> this one.</summary>
    public List<int> Before { get; } = [];

    /// <summary>Targets planned (to run after this one) whenever this one is planned.</summary>
    public List<int> Triggers { get; } = [];

    public IReadOnlyList<Condition> StaticConditions { get; init; } = [];
    public IReadOnlyList<Condition> DynamicConditions { get; init; } = [];
    public IReadOnlyList<Requirement> Requirements { get; init; } = [];
    public IReadOnlyList<(string Name, Func<object?> Value)> Outputs { get; init; } = [];

    /// <summary>State and paths the target hands on to later ones (<see cref="ITargetDefinition.Outputs{T}"/>), in declaration order.</summary>
    public IReadOnlyList<DeclaredOutput> HandedOn { get; init; } = [];

    /// <summary>What it reads (<see cref="ITargetDefinition.Inputs"/>), in declaration order; none: it runs every time.</summary>
    public IReadOnlyList<DeclaredInput> Inputs { get; init; } = [];

    /// <summary>Checks that what an up-to-date target restored is still there (<see cref="ITargetDefinition.StillValid"/>).</summary>
    public IReadOnlyList<Func<CancellationToken, Task<string?>>> Revalidations { get; init; } = [];

    /// <summary>How long it may run before its token is cancelled and it fails; null: no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Parameter checks (<see cref="ITargetDefinition.Validates"/>): run while planning, and again while it waits to start.</summary>
    public IReadOnlyList<Func<IEnumerable<string>>> Validations { get; init; } = [];

    /// <summary>Server checks (<see cref="ITargetDefinition.Preflight"/>), run as the run starts.</summary>
    public IReadOnlyList<Func<CancellationToken, Task>> Preflights { get; init; } = [];
    public DependencyBehavior SkipBehavior { get; init; }
    public bool ProceedAfterFailure { get; init; }
    public bool AssuredAfterFailure { get; init; }
    public bool Unlisted { get; init; }

    public bool IsCollective => Actions.Count == 0;

    public override string ToString() => Name;
}
