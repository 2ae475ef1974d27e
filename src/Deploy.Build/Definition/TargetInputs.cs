namespace Deploy.Build.Definition;

/// <summary>Records what a target's <c>Inputs(...)</c> said.</summary>
internal sealed class TargetInputs(List<DeclaredInput> inputs, List<string> problems, string target) : ITargetInputs
{
    public ITargetInputs Files(string directory, params string[] patterns)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return Files(() => directory, patterns);
    }

    public ITargetInputs Files(Func<string?> directory, params string[] patterns)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(patterns);
        foreach (var pattern in patterns.Where(p => string.IsNullOrWhiteSpace(p) || Fingerprints.PathPattern.Parse(p) is null))
        {
            problems.Add($"Target '{target}' declares the input pattern '{pattern}', which selects nothing. Write patterns as .gitignore lines: *.cs, src/, !docs/.");
        }

        inputs.Add(DeclaredInput.ForFiles(directory, patterns.Where(p => !string.IsNullOrWhiteSpace(p)).ToList()));
        return this;
    }

    public ITargetInputs Files(Func<IEnumerable<string>> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        inputs.Add(DeclaredInput.ForPaths(paths));
        return this;
    }

    public ITargetInputs Parameter(Func<object?> value, string? valueText = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        inputs.Add(DeclaredInput.ForParameter(Condition.Describe(valueText), value));
        return this;
    }

    public ITargetInputs Value(string name, Func<object?> value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        inputs.Add(DeclaredInput.ForValue(name, _ => Task.FromResult(value())));
        return this;
    }

    public ITargetInputs Value(string name, Func<CancellationToken, Task<string?>> value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        inputs.Add(DeclaredInput.ForValue(name, async cancellationToken => await value(cancellationToken).ConfigureAwait(false)));
        return this;
    }
}
