namespace Deploy.Kubernetes.Rollout;

/// <summary>The kinds whose rollout <c>kubectl rollout status</c> can follow and <c>kubectl rollout undo</c> can undo.</summary>
internal enum WorkloadKind
{
    /// <summary>apps/v1 Deployment: revisions are its ReplicaSets.</summary>
    Deployment,

    /// <summary>apps/v1 StatefulSet: revisions are ControllerRevisions.</summary>
    StatefulSet,

    /// <summary>apps/v1 DaemonSet: revisions are ControllerRevisions.</summary>
    DaemonSet,
}
