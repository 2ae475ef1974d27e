namespace Deploy.GitHub.Webhooks;

/// <summary>One target of a run record: its name, status and duration (null when it did not run).</summary>
internal sealed record StageTiming(string Name, string Status, double? DurationSeconds);
