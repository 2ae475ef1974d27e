namespace Deploy.Prometheus;

/// <summary>The metrics Deploy pushes: a contract (DESIGN.md, "Metrics (contract)"); dashboards depend on them.</summary>
internal static class MetricNames
{
    public const string StageDuration = "deploy_stage_duration_seconds";
    public const string PipelineDuration = "deploy_pipeline_duration_seconds";
    public const string LastRun = "deploy_pipeline_last_run_timestamp_seconds";
    public const string LastSuccess = "deploy_pipeline_last_success_timestamp_seconds";
    public const string Info = "deploy_pipeline_info";

    public const string StageDurationHelp = "How long a target (stage) of the latest run took, by stage and result.";
    public const string PipelineDurationHelp = "Wall time of the latest run, by result.";
    public const string LastRunHelp = "Unix time the latest run ended.";
    public const string LastSuccessHelp = "Unix time the latest successful run ended.";
    public const string InfoHelp = "The latest run's commit, ref and image (those it produced); always 1.";

    /// <summary>The run outputs that become labels of <see cref="Info"/>, in this order.</summary>
    public static readonly string[] InfoLabels = ["commit", "ref", "image"];

    /// <summary>Every label name our metrics use.</summary>
    public static readonly string[] OwnLabels = ["stage", "result", .. InfoLabels];
}
