namespace Deploy.Build;

/// <summary>A target a planned target waits for, and why.</summary>
/// <param name="Target">The prerequisite's name.</param>
/// <param name="Kind">Why it is waited for.</param>
public sealed record Prerequisite(string Target, PrerequisiteKind Kind)
{
    /// <summary>Whether the waiting target runs only when this one succeeded (<c>DependsOn</c>, <c>Triggers</c>); <c>After</c> and <c>Before</c> only order.</summary>
    public bool MustSucceed => Kind is PrerequisiteKind.DependsOn or PrerequisiteKind.Triggers;
}
