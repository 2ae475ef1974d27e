namespace Deploy.GitHub.Webhooks;

/// <summary>A run as <c>GET /runs</c> shows it.</summary>
internal sealed class RunEntry(PipelineRequest request, DateTimeOffset queuedAt)
{
    public int Id => Request.Id;
    public PipelineRequest Request { get; } = request;
    public string Repository => Request.Repository;
    public string Branch => Request.Branch;
    public string Commit => Request.Commit;
    public DateTimeOffset QueuedAt { get; } = queuedAt;
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Running, Succeeded, Failed or Cancelled.</summary>
    public string Result { get; set; } = RunStates.Running;

    public int? ExitCode { get; set; }
    public IReadOnlyList<StageTiming> Stages { get; set; } = [];
    public string? RunRecord { get; set; }
}
