namespace Deploy.Kubernetes;

/// <summary>
/// What a rollout did: for the run record (<c>revisionBefore</c>, <c>revisionAfter</c>, <c>reference</c>, <c>applied</c>),
/// and for undoing it later (<see cref="KubernetesRollout.RollBackAsync(KubernetesRolloutRequest, KubernetesRolloutResult, Serilog.ILogger, CancellationToken)"/>: a failed verification after the rollout).
/// </summary>
public sealed record KubernetesRolloutResult
{
    /// <summary>The namespace the Deployment lives in (with manifests: the namespace objects go to unless they name one).</summary>
    public required string Namespace { get; init; }

    /// <summary>The Deployment whose image was set; empty when manifests were applied.</summary>
    public string Deployment { get; init; } = string.Empty;

    /// <summary>The container whose image was set; empty when manifests were applied.</summary>
    public string Container { get; init; } = string.Empty;

    /// <summary>The image reference that was deployed (or attempted).</summary>
    public required string Reference { get; init; }

    /// <summary>The Deployment's <c>deployment.kubernetes.io/revision</c> before the change; null when it had none (or manifests were applied: see <see cref="Applied"/>).</summary>
    public long? RevisionBefore { get; init; }

    /// <summary>The Deployment's revision at the end: the new one, or the one a rollback produced.</summary>
    public long? RevisionAfter { get; init; }

    /// <summary>Whether a failed rollout was rolled back (every workload that existed before, to its revision before).</summary>
    public bool RolledBack { get; init; }

    /// <summary>With manifests: every object, in the order applied, with what the apply did to it and where it is now.</summary>
    public IReadOnlyList<AppliedObject> Applied { get; init; } = [];

    /// <summary>Whether this was only a server-side dry run: <see cref="Applied"/> says what would change, nothing did.</summary>
    public bool DryRun { get; init; }

    /// <summary>Whether the Deployment already ran the image and was fully rolled out, so nothing was changed.</summary>
    public bool Unchanged { get; init; }
}
