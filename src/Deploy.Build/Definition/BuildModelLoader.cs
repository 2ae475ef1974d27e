using System.Reflection;

namespace Deploy.Build.Definition;

/// <summary>
/// Finds a build's targets (properties of type <see cref="Target"/> on the class, its base classes and the
/// component interfaces it implements), runs their bodies once against a recording definition, and
/// resolves the references between them.
/// </summary>
internal static class BuildModelLoader
{
    // Static too: a target whose body uses no build state is one analyzers (CA1822) ask to make static.
    private const BindingFlags Declared =
        BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static BuildModel Load(object build)
    {
        var problems = new List<string>();
        var members = FindMembers(build.GetType(), typeof(Target));
        var definitions = new List<TargetDefinition>(members.Count);
        var indexOf = new Dictionary<Target, int>(members.Count);

        foreach (var (name, property) in members)
        {
            var definition = new TargetDefinition(name, build);
            Target? target;
            try
            {
                target = (Target?)property.GetValue(build);
                if (target is null)
                {
                    problems.Add($"Target '{name}' is null. Give the property a body: Target {name} => _ => _.Executes(...);");
                    continue;
                }

                target(definition);
            }
            catch (Exception exception)
            {
                var inner = exception is TargetInvocationException { InnerException: { } e } ? e : exception;
                problems.Add($"Target '{name}' could not be defined: {inner.Message}");
                continue;
            }

            if (!indexOf.TryAdd(target, definitions.Count))
            {
                problems.Add($"Target '{name}' is the same target as '{definitions[indexOf[target]].Name}'. Give each target its own body.");
                continue;
            }

            definitions.Add(definition);
        }

        var specs = definitions.Select((d, i) => new TargetSpec
        {
            Index = i,
            Name = d.Name,
            Description = d.DescriptionText,
            Actions = d.Actions,
            StaticConditions = d.StaticConditions,
            DynamicConditions = d.DynamicConditions,
            Requirements = d.Requirements,
            Outputs = d.Produced,
            HandedOn = d.HandedOn,
            Inputs = d.Inputs,
            Revalidations = d.Revalidations,
            Timeout = d.TimeLimit,
            Validations = d.Validations,
            Preflights = d.Preflights,
            SkipBehavior = d.SkipBehavior,
            ProceedAfterFailure = d.IsProceedAfterFailure,
            AssuredAfterFailure = d.IsAssuredAfterFailure,
            Unlisted = d.IsUnlisted,
        }).ToList();

        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            problems.AddRange(definition.Problems);
            List<int> Resolve(List<Target> targets, string relation)
            {
                var resolved = new List<int>(targets.Count);
                foreach (var target in targets)
                {
                    if (ResolveOne(target, definition.Name, relation) is >= 0 and var index)
                    {
                        resolved.Add(index);
                    }
                }

                return resolved;
            }

            int ResolveOne(Target target, string owner, string relation)
            {
                if (indexOf.TryGetValue(target, out var index))
                {
                    return index;
                }

                problems.Add($"Target '{owner}' uses {relation} with a target that is not a property of the build. Declare it as a Target property.");
                return -1;
            }

            AddUnique(specs[i].DependsOn, Resolve(definition.DependsOnTargets, "DependsOn"));
            foreach (var other in Resolve(definition.DependentForTargets, "DependentFor"))
            {
                AddUnique(specs[other].DependsOn, i);
            }

            AddUnique(specs[i].After, Resolve(definition.AfterTargets, "After"));
            foreach (var other in Resolve(definition.BeforeTargets, "Before"))
            {
                AddUnique(specs[other].After, i);
                AddUnique(specs[other].Before, i);
            }

            AddUnique(specs[i].Triggers, Resolve(definition.TriggersTargets, "Triggers"));
            foreach (var other in Resolve(definition.TriggeredByTargets, "TriggeredBy"))
            {
                AddUnique(specs[other].Triggers, i);
            }
        }

        foreach (var spec in specs)
        {
            if (spec.DependsOn.Contains(spec.Index) || spec.After.Contains(spec.Index) || spec.Triggers.Contains(spec.Index))
            {
                problems.Add($"Target '{spec.Name}' refers to itself: {spec.Name} -> {spec.Name}");
            }
        }

        return new BuildModel(specs, problems, FindObservers(build, problems), indexOf);
    }

    private static List<IRunObserver> FindObservers(object build, List<string> problems)
    {
        var observers = new List<IRunObserver>();
        if (build is IRunObserver self)
        {
            observers.Add(self);
        }

        foreach (var (name, property) in FindMembers(build.GetType(), typeof(IRunObserver)))
        {
            try
            {
                if (property.GetValue(build) is IRunObserver observer)
                {
                    observers.Add(observer);
                }
            }
            catch (TargetInvocationException exception)
            {
                problems.Add($"Observer '{name}' could not be created: {exception.InnerException?.Message}");
            }
        }

        return observers;
    }

    /// <summary>
    /// Properties of the given type, by name: component interfaces first, then the class hierarchy from its
    /// base down, each in declaration order. A class member replaces an interface member of the same name
    /// (reading the interface property dispatches to it anyway).
    /// </summary>
    internal static List<(string Name, PropertyInfo Property)> FindMembers(Type buildType, Type memberType)
    {
        var found = new List<(string Name, PropertyInfo Property)>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);

        void Add(PropertyInfo property)
        {
            // Explicit interface implementations ("Deploy.IClone.Clone") are reached through the interface.
            if (property.PropertyType != memberType || property.Name.Contains('.', StringComparison.Ordinal) || property.GetIndexParameters().Length > 0)
            {
                return;
            }

            if (positions.TryGetValue(property.Name, out var position))
            {
                found[position] = (property.Name, property);
                return;
            }

            positions[property.Name] = found.Count;
            found.Add((property.Name, property));
        }

        foreach (var component in Components(buildType))
        {
            foreach (var property in InDeclarationOrder(component.GetProperties()))
            {
                Add(property);
            }
        }

        var hierarchy = new Stack<Type>();
        for (var type = buildType; type is not null && type != typeof(object); type = type.BaseType)
        {
            hierarchy.Push(type);
        }

        foreach (var type in hierarchy)
        {
            foreach (var property in InDeclarationOrder(type.GetProperties(Declared)))
            {
                Add(property);
            }
        }

        return found;
    }

    /// <summary>
    /// The interfaces a build implements, each after the ones it extends (IRestore before ICompile before
    /// ITest), otherwise in the order the build names them, so component targets and parameters list in the order a
    /// reader expects. (By the order named, not by how many interfaces each extends: components that do not know each
    /// other, Image and Compile, still list in the pipeline's order when the build names them so.)
    /// </summary>
    internal static IEnumerable<Type> Components(Type buildType)
    {
        var ordered = new List<Type>();
        var seen = new HashSet<Type>();
        void Visit(Type component)
        {
            if (seen.Add(component))
            {
                foreach (var extended in component.GetInterfaces())
                {
                    Visit(extended);
                }

                ordered.Add(component);
            }
        }

        foreach (var component in buildType.GetInterfaces())
        {
            Visit(component);
        }

        return ordered;
    }

    /// <summary>
    /// Sorts by metadata token, the order of the source, in place (reflection promises no order). Array.Sort, not
    /// OrderBy: OrderBy's int map is generic code over a value type that no ReadyToRun image holds, JIT-compiled at every start.
    /// </summary>
    internal static T[] InDeclarationOrder<T>(T[] members)
        where T : MemberInfo
    {
        Array.Sort(members, static (a, b) => a.MetadataToken.CompareTo(b.MetadataToken));
        return members;
    }

    private static void AddUnique(List<int> list, int item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }

    private static void AddUnique(List<int> list, List<int> items)
    {
        foreach (var item in items)
        {
            if (!list.Contains(item))
            {
                list.Add(item);
            }
        }
    }
}
