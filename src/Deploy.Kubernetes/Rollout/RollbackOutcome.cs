namespace Deploy.Kubernetes.Rollout;

/// <summary>What a rollback did: patched the Deployment, or nothing because its template already was the target's.</summary>
internal sealed record RollbackOutcome(bool Skipped);
