namespace Deploy.GitHub.Webhooks;

/// <summary>A pipeline run to start: this repository (its clone URL, when the payload gave one) at this commit.</summary>
internal sealed record PipelineRequest(int Id, string Repository, string? CloneUrl, string Branch, string Commit);
