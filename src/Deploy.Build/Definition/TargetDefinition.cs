namespace Deploy.Build.Definition;

/// <summary>Records what a target's body said; <see cref="BuildModelLoader"/> resolves the references.</summary>
internal sealed class TargetDefinition(string name, object build) : ITargetDefinition
{
    public string Name { get; } = name;
    public string? DescriptionText { get; private set; }
    public List<Func<CancellationToken, Task>> Actions { get; } = [];
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<Condition> StaticConditions { get; } = [];
    public List<Condition> DynamicConditions { get; } = [];
    public List<Requirement> Requirements { get; } = [];
    public List<(string Name, Func<object?> Value)> Produced { get; } = [];
    public List<DeclaredOutput> HandedOn { get; } = [];
    public List<DeclaredInput> Inputs { get; } = [];
    public List<Func<CancellationToken, Task<string?>>> Revalidations { get; } = [];
    public TimeSpan? TimeLimit { get; private set; }
    public List<Func<IEnumerable<string>>> Validations { get; } = [];
    public List<Func<CancellationToken, Task>> Preflights { get; } = [];
    public DependencyBehavior SkipBehavior { get; private set; } = DependencyBehavior.Execute;
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }

    /// <summary>Problems found while recording (e.g. a component reference to an interface the build lacks).</summary>
    public List<string> Problems { get; } = [];

    public ITargetDefinition Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    public ITargetDefinition Executes(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(_ =>
        {
            action();
            return Task.CompletedTask;
        });
        return this;
    }

    public ITargetDefinition Executes(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(_ => action());
        return this;
    }

    public ITargetDefinition Executes(Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(action);
        return this;
    }

    public ITargetDefinition DependsOn(params Target[] targets) => Add(DependsOnTargets, targets);
    public ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets) => Add(DependsOnTargets, targets, nameof(DependsOn));
    public ITargetDefinition DependentFor(params Target[] targets) => Add(DependentForTargets, targets);
    public ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets) => Add(DependentForTargets, targets, nameof(DependentFor));
    public ITargetDefinition Before(params Target[] targets) => Add(BeforeTargets, targets);
    public ITargetDefinition Before<T>(params Func<T, Target>[] targets) => Add(BeforeTargets, targets, nameof(Before));
    public ITargetDefinition After(params Target[] targets) => Add(AfterTargets, targets);
    public ITargetDefinition After<T>(params Func<T, Target>[] targets) => Add(AfterTargets, targets, nameof(After));
    public ITargetDefinition Triggers(params Target[] targets) => Add(TriggersTargets, targets);
    public ITargetDefinition Triggers<T>(params Func<T, Target>[] targets) => Add(TriggersTargets, targets, nameof(Triggers));
    public ITargetDefinition TriggeredBy(params Target[] targets) => Add(TriggeredByTargets, targets);
    public ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets) => Add(TriggeredByTargets, targets, nameof(TriggeredBy));

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? conditionText = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        StaticConditions.Add(new Condition(condition, Condition.Describe(conditionText)));
        return this;
    }

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string? conditionText = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        DynamicConditions.Add(new Condition(condition, Condition.Describe(conditionText)));
        return this;
    }

    public ITargetDefinition WhenSkipped(DependencyBehavior behavior)
    {
        SkipBehavior = behavior;
        return this;
    }

    public ITargetDefinition Requires(Func<object?> requirement, string? requirementText = null)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        Requirements.Add(new Requirement(requirement, Condition.Describe(requirementText)));
        return this;
    }

    public ITargetDefinition Validates(Func<IEnumerable<string>> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Validations.Add(problems);
        return this;
    }

    public ITargetDefinition Preflight(Func<CancellationToken, Task> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Preflights.Add(check);
        return this;
    }

    public ITargetDefinition ProceedAfterFailure()
    {
        IsProceedAfterFailure = true;
        return this;
    }

    public ITargetDefinition AssuredAfterFailure()
    {
        IsAssuredAfterFailure = true;
        return this;
    }

    public ITargetDefinition Unlisted()
    {
        IsUnlisted = true;
        return this;
    }

    public ITargetDefinition Produces(string name, Func<object?> value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        Produced.Add((name, value));
        return this;
    }

    public ITargetDefinition Outputs<T>(Func<T?> state, Action<T> restore, Func<T, IEnumerable<string>>? paths = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(restore);
        HandedOn.Add(DeclaredOutput.ForState(state, restore, paths));
        return this;
    }

    public ITargetDefinition Outputs(Func<IEnumerable<string>> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        HandedOn.Add(DeclaredOutput.ForPaths(paths));
        return this;
    }

    ITargetDefinition ITargetDefinition.Inputs(Action<ITargetInputs> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        inputs(new TargetInputs(Inputs, Problems, Name));
        return this;
    }

    public ITargetDefinition StillValid(Func<CancellationToken, Task<string?>> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        Revalidations.Add(check);
        return this;
    }

    public ITargetDefinition Timeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            Problems.Add($"Target '{Name}' has Timeout({timeout}), which is not a positive time. Give e.g. .Timeout(TimeSpan.FromMinutes(30)).");
            return this;
        }

        TimeLimit = timeout;
        return this;
    }

    private TargetDefinition Add(List<Target> list, Target[] targets)
    {
        foreach (var target in targets)
        {
            if (target is null)
            {
                Problems.Add($"Target '{Name}' refers to a null target.");
                continue;
            }

            list.Add(target);
        }

        return this;
    }

    private TargetDefinition Add<T>(List<Target> list, Func<T, Target>[] selectors, string method)
    {
        if (build is not T component)
        {
            Problems.Add($"Target '{Name}' uses {method}<{typeof(T).Name}>, but the build does not implement {typeof(T).Name}. Add it to the build's interfaces or refer to the target directly.");
            return this;
        }

        return Add(list, selectors.Select(select => select(component)).ToArray());
    }
}
