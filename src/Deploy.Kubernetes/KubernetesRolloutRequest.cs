namespace Deploy.Kubernetes;

/// <summary>
/// What <see cref="KubernetesRollout.RunAsync(KubernetesRolloutRequest, Serilog.ILogger, CancellationToken)"/> deploys, and where. Without
/// <see cref="Manifests"/>: one container of one existing Deployment is set to an image reference, like <c>kubectl set
/// image</c>. With them: the manifests are applied with server-side apply, the image replaced by the reference. Either
/// way every workload is followed like <c>kubectl rollout status</c>, and rolled back like <c>kubectl rollout undo</c>.
/// <see cref="KubernetesRolloutValidation.Validate"/> checks the values before anything is contacted.
/// </summary>
public sealed record KubernetesRolloutRequest
{
    /// <summary>Without <see cref="Manifests"/>: the Deployment to update (a DNS-1123 subdomain name), required. With them: not given.</summary>
    public string? Deployment { get; init; }

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

    /// <summary>
    /// Manifest files or directories (their .yaml, .yml and .json files, by name) to apply with server-side apply. Empty
    /// (the default): set the image of <see cref="Deployment"/> instead. Relative paths start at <see cref="SourceDirectory"/>.
    /// </summary>
    public IReadOnlyList<string> Manifests { get; init; } = [];

    /// <summary>Where relative <see cref="Manifests"/> paths start, and what messages show them relative to. Null: the current directory.</summary>
    public string? SourceDirectory { get; init; }

    /// <summary>With <see cref="Manifests"/>: validate and dry-run them on the server (<c>dryRun=All</c>), report what would change, apply nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Set the image even when the Deployment already runs it and is fully rolled out (a new rollout is then started
    /// with a restart annotation). Default: false, and such a rollout changes nothing (<see cref="KubernetesRolloutResult.Unchanged"/>).
    /// Image mode only: <see cref="Manifests"/> are always applied (server-side apply of the same objects changes nothing anyway).
    /// </summary>
    public bool Force { get; init; }

    /// <summary>With <see cref="Manifests"/>: take over fields other field managers own instead of failing on the conflict.</summary>
    public bool ForceConflicts { get; init; }

    /// <summary>With <see cref="Manifests"/>: when the rollout fails, delete the objects this run created (otherwise they stay, listed in the error).</summary>
    public bool DeleteCreatedOnFailure { get; init; }

    /// <summary>With <see cref="Manifests"/>: the commit the objects are labelled with (<c>deploy/commit</c>). Null: no commit label.</summary>
    public string? Commit { get; init; }

    /// <summary>
    /// The clock for <see cref="Timeout"/> and retry back-off: a build passes its <see cref="Build.IDeployBuild.Time"/>; a
    /// program outside a build, the system's. Required, so that no rollout quietly runs on another clock than its caller's.
    /// </summary>
    public required TimeProvider TimeProvider { get; init; }
}
