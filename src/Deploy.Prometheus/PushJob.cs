namespace Deploy.Prometheus;

/// <summary>A snapshot waiting to be pushed.</summary>
/// <param name="Snapshot">What to push.</param>
/// <param name="IsFinal">The end-of-run state: its time budget started when the run ended, not when it is taken up.</param>
/// <param name="SubmittedAt">When it was handed over (a <see cref="TimeProvider"/> timestamp).</param>
internal readonly record struct PushJob(MetricsSnapshot Snapshot, bool IsFinal, long SubmittedAt);
