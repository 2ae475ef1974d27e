using Deploy.Build;

namespace Deploy.Prometheus;

/// <summary>One <c>deploy_stage_duration_seconds</c> series: a target that ran, how it ended and how long it took.</summary>
internal sealed record StageSample(string Stage, string Result, double Seconds)
{
    /// <summary>
    /// The sample for a target that started (succeeded, up to date, failed or was aborted); null for one that did
    /// not (skipped, never run, collective): it has no duration to report, and a zero would drag down every
    /// average a dashboard draws over the stage. An up-to-date target's duration is what checking its inputs took,
    /// under its own result (<c>uptodate</c>), so it never mixes with the durations of runs that did the work.
    /// </summary>
    public static StageSample? From(TargetFinishedEvent target) => target.Status switch
    {
        TargetStatus.Succeeded or TargetStatus.UpToDate or TargetStatus.Failed or TargetStatus.Aborted =>
            new StageSample(target.Name, Lowercase(target.Status), target.Duration.TotalSeconds),
        _ => null,
    };

    /// <summary>The contract's result label values are the status names in lower case ("succeeded", "aborted").</summary>
    internal static string Lowercase<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
