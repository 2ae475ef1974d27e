namespace Deploy.Build;

/// <summary>What an <see cref="IBuildCommand"/> gets: its own options' values, the build's description, the console.</summary>
public sealed class BuildCommandContext
{
    internal BuildCommandContext(
        BuildDescription build,
        IReadOnlyList<string> values,
        IReadOnlyDictionary<string, IReadOnlyList<string>> modifiers,
        TextWriter output,
        TextWriter error,
        IReadOnlyDictionary<string, string> environment)
    {
        Build = build;
        Values = values;
        Modifiers = modifiers;
        Out = output;
        Error = error;
        Environment = environment;
    }

    /// <summary>The build's targets, parameters and defaults.</summary>
    public BuildDescription Build { get; }

    /// <summary>The values given after the command's option (<c>github</c> in <c>--generate-workflow github</c>).</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The command's modifiers that were given, by normalized name (lower case, no dashes), with their values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Modifiers { get; }

    /// <summary>Standard output (what the user asked for).</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error (problems).</summary>
    public TextWriter Error { get; }

    /// <summary>The process's environment as the build sees it.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Whether a modifier was given (<c>--check</c>), by any spelling.</summary>
    public bool Has(string modifier) => Modifiers.ContainsKey(Names.Normalize(modifier));
}
