using Deploy.Build.Definition;

namespace Deploy.Build.Cli;

/// <summary>
/// The targets <c>Execute</c> was given to run when none are named: as names (the expression-tree form, read from
/// <c>x =&gt; x.Compile</c>'s member), or as the targets themselves (the delegate form), named once the build's model
/// is loaded, by which of its target properties each one is.
/// </summary>
internal sealed class DefaultTargets
{
    private readonly IReadOnlyList<string> _names;
    private readonly Func<Target?>[]? _targets;

    private DefaultTargets(IReadOnlyList<string> names, Func<Target?>[]? targets)
    {
        _names = names;
        _targets = targets;
    }

    public static implicit operator DefaultTargets(string[] names) => new(names, null);

    public static DefaultTargets Of<T>(T build, Func<T, Target>[] targets) =>
        new([], Array.ConvertAll(targets, target => (Func<Target?>)(() => target(build))));

    /// <summary>
    /// The targets' names in <paramref name="model"/>. A target that is none of the build's target properties is left
    /// out, with a problem when <paramref name="problems"/> is given (--help lists the targets without it).
    /// </summary>
    public IReadOnlyList<string> Names(BuildModel model, List<string>? problems)
    {
        if (_targets is null)
        {
            return _names;
        }

        var names = new List<string>(_targets.Length);
        for (var i = 0; i < _targets.Length; i++)
        {
            string? name;
            try
            {
                name = _targets[i]() is { } target ? model.NameOf(target) : null;
            }
            catch (Exception exception)
            {
                problems?.Add($"Default target {i + 1} of Execute could not be read: {exception.Message}");
                continue;
            }

            if (name is not null)
            {
                names.Add(name);
            }
            else
            {
                problems?.Add($"Default target {i + 1} of Execute is not one of the build's target properties. Give Execute the property: Execute<Build>(x => x.Compile).");
            }
        }

        return names;
    }
}
