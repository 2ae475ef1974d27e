namespace Deploy.Build.Planning;

/// <summary>What the command line asked the planner for.</summary>
/// <param name="Targets">Invoked target names; empty for the build's defaults.</param>
/// <param name="Skip">Null: skip nothing; empty: skip every target that was not invoked; else those named.</param>
/// <param name="PreviouslySucceeded">Targets the last run with the same arguments finished (--continue).</param>
/// <param name="Force">Null: force nothing; empty: every target runs even when up to date; else those named (--force).</param>
internal sealed record PlanRequest(
    IReadOnlyList<string> Targets,
    IReadOnlyList<string>? Skip = null,
    IReadOnlySet<string>? PreviouslySucceeded = null,
    IReadOnlyList<string>? Force = null);
