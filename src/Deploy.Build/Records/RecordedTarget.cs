namespace Deploy.Build.Records;

/// <summary>A target as a run record has it.</summary>
/// <param name="Name">The target.</param>
/// <param name="Status">How it ended.</param>
/// <param name="StartedAt">When it started; null when it never did.</param>
/// <param name="FinishedAt">When it finished; null when it never started.</param>
/// <param name="Duration">How long it ran; zero when it never started.</param>
/// <param name="Reason">Why it was skipped or did not run, or null.</param>
/// <param name="Error">Its failure's message, or null.</param>
/// <param name="Outputs">What it declared with <c>Produces</c>.</param>
/// <param name="DependsOn">Planned targets it depended on (schema 3 on; empty before).</param>
/// <param name="TriggeredBy">Planned targets whose run triggered it (schema 3 on; empty before).</param>
/// <param name="After">Planned targets it only ran after: its own <c>After</c>, and those that declared <c>Before</c> it (schema 3 on; empty before).</param>
public sealed record RecordedTarget(
    string Name,
    TargetStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    TimeSpan Duration,
    string? Reason,
    string? Error,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> TriggeredBy,
    IReadOnlyList<string> After)
{
    /// <summary>Every target it waited for: <see cref="DependsOn"/>, <see cref="TriggeredBy"/> and <see cref="After"/>.</summary>
    public IEnumerable<string> Prerequisites => DependsOn.Concat(TriggeredBy).Concat(After).Distinct(StringComparer.Ordinal);
}
