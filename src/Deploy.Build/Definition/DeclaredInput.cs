namespace Deploy.Build.Definition;

/// <summary>One input a target declared with <see cref="ITargetDefinition.Inputs"/>; the engine reads it just before the target would start.</summary>
internal sealed class DeclaredInput
{
    private DeclaredInput(InputKind kind)
    {
        Kind = kind;
    }

    public InputKind Kind { get; }

    /// <summary>Files: the directory (null: no files); Paths: null.</summary>
    public Func<string?>? Directory { get; private init; }

    /// <summary>Files: the <c>.gitignore</c>-style patterns that select them (empty: all).</summary>
    public IReadOnlyList<string> Patterns { get; private init; } = [];

    /// <summary>Paths: the files named one by one.</summary>
    public Func<IEnumerable<string>>? Paths { get; private init; }

    /// <summary>Value: its name; Parameter: the source text (<c>Configuration</c>), shown as the parameter's name when it is one.</summary>
    public string Name { get; private init; } = "";

    /// <summary>Value and Parameter: reads it.</summary>
    public Func<CancellationToken, Task<object?>>? Value { get; private init; }

    public static DeclaredInput ForFiles(Func<string?> directory, IReadOnlyList<string> patterns) =>
        new(InputKind.Files) { Directory = directory, Patterns = patterns };

    public static DeclaredInput ForPaths(Func<IEnumerable<string>> paths) => new(InputKind.Paths) { Paths = paths };

    public static DeclaredInput ForValue(string name, Func<CancellationToken, Task<object?>> value) =>
        new(InputKind.Value) { Name = name, Value = value };

    public static DeclaredInput ForParameter(string text, Func<object?> value) =>
        new(InputKind.Parameter) { Name = text, Value = _ => Task.FromResult(value()) };
}

/// <summary>What a <see cref="DeclaredInput"/> is.</summary>
internal enum InputKind
{
    Files,
    Paths,
    Value,
    Parameter,
}
