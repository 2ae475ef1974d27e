namespace Deploy.Kubernetes;

/// <summary>What a rollout did: for the run record (<c>revisionBefore</c>, <c>revisionAfter</c>, <c>reference</c>).</summary>
public sealed record KubernetesRolloutResult
{
    /// <summary>The namespace the Deployment lives in.</summary>
    public required string Namespace { get; init; }

    /// <summary>The Deployment's name.</summary>
    public required string Deployment { get; init; }

    /// <summary>The container whose image was set.</summary>
    public required string Container { get; init; }

    /// <summary>The image reference that was deployed (or attempted).</summary>
    public required string Reference { get; init; }

    /// <summary>The Deployment's <c>deployment.kubernetes.io/revision</c> before the change; null when it had none.</summary>
    public long? RevisionBefore { get; init; }

    /// <summary>The Deployment's revision at the end: the new one, or the one a rollback produced.</summary>
    public long? RevisionAfter { get; init; }

    /// <summary>Whether a failed rollout was rolled back to <see cref="RevisionBefore"/>'s template.</summary>
    public bool RolledBack { get; init; }
}
