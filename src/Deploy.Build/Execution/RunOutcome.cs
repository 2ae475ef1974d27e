namespace Deploy.Build.Execution;

/// <summary>The result of executing a plan.</summary>
internal sealed record RunOutcome(
    RunResult Result,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    TimeSpan WallTime,
    IReadOnlyList<TargetOutcome> Targets);
