namespace Deploy.Kubernetes;

/// <summary>
/// What <see cref="KubernetesRollout.RunAsync(KubernetesRolloutRequest, Serilog.ILogger, CancellationToken)"/> deploys, and where: one container of one Deployment is set to an
/// image reference, like <c>kubectl set image</c>, and the rollout is followed like <c>kubectl rollout status</c>.
/// <see cref="KubernetesRolloutValidation.Validate"/> checks the values before anything is contacted.
/// </summary>
public sealed record KubernetesRolloutRequest
{
    /// <summary>The Deployment to update (a DNS-1123 subdomain name). Required.</summary>
    public required string Deployment { get; init; }

    /// <summary>The image reference to run: <c>registry/image@sha256:&lt;64 hex&gt;</c> (immutable, preferred) or <c>registry/image:tag</c>.</summary>
    public required string Image { get; init; }

    /// <summary>
    /// A kubeconfig file. Null: the files in <c>KUBECONFIG</c>, else <c>~/.kube/config</c>, else the in-cluster
    /// service account when <c>KUBERNETES_SERVICE_HOST</c> is set.
    /// </summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context to use. Null: the kubeconfig's current-context.</summary>
    public string? KubeContext { get; init; }

    /// <summary>The Deployment's namespace. Null: the context's namespace, else <c>default</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>The container whose image is set. Null: the pod template's only container (an error when it has several).</summary>
    public string? Container { get; init; }

    /// <summary>Recorded as the <c>kubernetes.io/change-cause</c> annotation, e.g. <c>deploy: commit abc1234 (ref main)</c>. Null: not recorded.</summary>
    public string? ChangeCause { get; init; }

    /// <summary>How long the rollout may take, and again how long a rollback may take. Default: 10 minutes.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Roll back to the revision that ran before when the rollout fails (as <c>kubectl rollout undo</c>). Default: true.</summary>
    public bool Rollback { get; init; } = true;

    /// <summary>
    /// The environment the kubeconfig is found with (<c>KUBECONFIG</c>, <c>HOME</c>, <c>KUBERNETES_SERVICE_HOST</c>): a
    /// build passes its <see cref="Build.IDeployBuild.EnvironmentVariables"/>. Default: none, so only
    /// <see cref="Kubeconfig"/> is used.
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>The clock for <see cref="Timeout"/> and retry back-off. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
