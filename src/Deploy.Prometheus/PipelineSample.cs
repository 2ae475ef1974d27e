using Deploy.Build;

namespace Deploy.Prometheus;

/// <summary>The series only the end of a run knows: its result, wall time and end time.</summary>
internal sealed record PipelineSample(string Result, double WallSeconds, double FinishedAtUnixSeconds)
{
    /// <summary>Only a successful run pushes <c>deploy_pipeline_last_success_timestamp_seconds</c>.</summary>
    public bool Succeeded => Result == "succeeded";

    public static PipelineSample From(RunFinishedEvent run) => new(
        StageSample.Lowercase(run.Result),
        run.WallTime.TotalSeconds,
        run.FinishedAt.ToUnixTimeMilliseconds() / 1000.0);
}
