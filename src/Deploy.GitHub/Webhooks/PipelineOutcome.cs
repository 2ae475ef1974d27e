namespace Deploy.GitHub.Webhooks;

/// <summary>How a run ended: its result (Succeeded, Failed, Cancelled), exit code, and the stage timings of its run record.</summary>
internal sealed record PipelineOutcome(string Result, int ExitCode, IReadOnlyList<StageTiming> Stages, string? RunRecord);
