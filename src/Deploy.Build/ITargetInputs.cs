using System.Runtime.CompilerServices;

namespace Deploy.Build;

/// <summary>
/// What a target reads, declared with <see cref="ITargetDefinition.Inputs"/>: files (by content), parameter values
/// and strings the target computes. Every call adds one input; the engine reads them just before the target would
/// start, in the order declared (the first one that changed is the reason it runs).
/// </summary>
public interface ITargetInputs
{
    /// <summary>
    /// The files under <paramref name="directory"/> (relative to the root, or absolute) that <paramref name="patterns"/>
    /// select, minus what <c>.gitignore</c> files exclude. Patterns are written as <c>.gitignore</c> lines are
    /// (<c>*.cs</c> at any depth, <c>/Program.cs</c> at the top only, <c>src/</c> a directory and all below it,
    /// <c>**</c> any number of directories, <c>!</c> takes a file out again); a file is an input when the last pattern
    /// that matches it or one of its directories is not a <c>!</c> one. No pattern: every file. The <c>.gitignore</c>
    /// files read are those in the directory and below it, and those above it up to the repository's top (the first
    /// directory holding <c>.git</c>); <c>.git</c> itself and the root's <c>.nuke/temp</c> are never inputs.
    /// </summary>
    /// <example><c>.Files("src", "*", "!*.md")</c></example>
    ITargetInputs Files(string directory, params string[] patterns);

    /// <summary>
    /// <see cref="Files(string, string[])"/> for a directory known only when the target is about to start (what an
    /// earlier target produced, such as a cloned workspace); null: no files.
    /// </summary>
    ITargetInputs Files(Func<string?> directory, params string[] patterns);

    /// <summary>
    /// Files named one by one (relative to the root, or absolute), read when the target is about to start: a list
    /// another tool made, such as the files git tracks. A file that does not exist is an input too (creating it is
    /// a change); a directory stands for every file below it that no <c>.gitignore</c> excludes.
    /// </summary>
    ITargetInputs Files(Func<IEnumerable<string>> paths);

    /// <summary>
    /// A parameter's value: <c>.Parameter(() =&gt; Configuration)</c>. The reason a changed one gives is the
    /// parameter's command-line name (<c>--configuration changed</c>). The value is compared by a hash, so a secret
    /// is never stored.
    /// </summary>
    ITargetInputs Parameter(Func<object?> value, [CallerArgumentExpression(nameof(value))] string? valueText = null);

    /// <summary>
    /// Any value the target depends on, by a name of your choosing (<c>dotnet version</c>), read when it is about to
    /// start: text as it is, lists item by item, numbers and dates in the invariant culture.
    /// </summary>
    ITargetInputs Value(string name, Func<object?> value);

    /// <summary>
    /// A value computed asynchronously when the target is about to start, such as a tool's version
    /// (<c>dotnet --version</c>). It is read once per run, before the target; the token is the target's.
    /// </summary>
    ITargetInputs Value(string name, Func<CancellationToken, Task<string?>> value);
}
