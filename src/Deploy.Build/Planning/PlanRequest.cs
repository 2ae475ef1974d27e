namespace Deploy.Build.Planning;

/// <summary>What the command line asked the planner for.</summary>
/// <param name="Targets">Invoked target names; empty for the build's defaults.</param>
/// <param name="Skip">Null: skip nothing; empty: skip every target that was not invoked; else those named.</param>
/// <param name="PreviouslySucceeded">Targets the last run with the same arguments finished (--continue).</param>
internal sealed record PlanRequest(
    IReadOnlyList<string> Targets,
    IReadOnlyList<string>? Skip = null,
    IReadOnlySet<string>? PreviouslySucceeded = null);
