namespace Deploy.Build;

/// <summary>
/// A target as the planner sees it. Relations are resolved from both sides: <see cref="DependsOn"/> includes
/// the targets that declared <c>DependentFor</c> this one, <see cref="After"/> those that declared
/// <c>Before</c> it, <see cref="Triggers"/> those that declared <c>TriggeredBy</c> it.
/// </summary>
/// <param name="Name">The target's name.</param>
/// <param name="Description">Its description, or null.</param>
/// <param name="DependsOn">Targets that must succeed before it; planning it plans them.</param>
/// <param name="After">Targets it runs after when both are planned.</param>
/// <param name="Triggers">Targets planned to run after it whenever it is planned.</param>
/// <param name="Outputs">Names of the values it produces (<c>Produces</c>), as written to the run record and <c>GITHUB_OUTPUT</c>.</param>
/// <param name="Unlisted">Whether <c>--help</c> hides it.</param>
/// <param name="IsCollective">Whether it has no actions of its own (it only groups others).</param>
public sealed record TargetDescription(
    string Name,
    string? Description,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> After,
    IReadOnlyList<string> Triggers,
    IReadOnlyList<string> Outputs,
    bool Unlisted,
    bool IsCollective);
