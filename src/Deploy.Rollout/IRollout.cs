using Deploy.Build;
using Deploy.Docker;
using Deploy.DotNet;
using Deploy.Git;
using Deploy.Kubernetes;

namespace Deploy.Rollout;

/// <summary>
/// The <c>Rollout</c> target: deploys the image <c>Push</c> pushed (by digest), or with no registry the image
/// <c>Image</c> built (by ID), once the tests passed. To a container on the Docker engine (the default), replacing
/// the previous version and putting it back when the new one does not become healthy; or to Kubernetes (one
/// Deployment's image, or <c>--manifests</c> applied with server-side apply), waiting for every workload the way
/// <c>kubectl rollout status</c> does and rolling back the way <c>kubectl rollout undo</c> does on failure. The run
/// record gets the deployed reference and, for Kubernetes, the revisions before and after and the applied objects.
/// <para>
/// The source is the checkout the build stands in (<see cref="IGitSource"/>): its commit is stamped into the service and
/// tags the image (<c>-dirty</c> with uncommitted changes). A build that also composes <see cref="IClone"/> builds the
/// repository given with <c>--repository</c> instead, from the clone.
/// </para>
/// </summary>
public interface IRollout : IPush, ITest, IKubernetesRollout, IGitSource
{
    [Parameter("Where to deploy: docker (a container on the Docker engine) or kubernetes (a Deployment, or --manifests)", Frequent = true)]
    RolloutTarget RolloutTarget => GetParameter<RolloutTarget?>() ?? RolloutTarget.Docker;

    [Parameter("How long the new version has to become healthy (docker) or roll out (kubernetes)", Frequent = true)]
    TimeSpan RolloutTimeout => GetParameter<TimeSpan?>() ?? TimeSpan.FromMinutes(10);

    [Parameter("Deploy <registry>/<image>@DIGEST (sha256:...) pushed by another job or run, when this run does not push")]
    string? Digest => GetParameter<string>();

    [Parameter("Docker: the service's container name (default: the image name)")]
    string? ContainerName => GetParameter<string>();

    [Parameter("Docker: the port the service listens on, passed to it as PORT and ASPNETCORE_HTTP_PORTS")]
    int ServicePort => GetParameter<int?>() ?? 8080;

    [Parameter("Docker: more environment variables for the service's container, NAME=value")]
    string[] ServiceEnv => GetParameter<string[]>() ?? [];

    [Parameter("Docker: publish HOST_PORT:CONTAINER_PORT instead of running with host networking")]
    string? Publish => GetParameter<string>();

    [Parameter("Docker: URL that must answer 2xx (default: the image's HEALTHCHECK, else http://127.0.0.1:<port>/healthz)")]
    Uri? HealthUrl => GetParameter<Uri>();

    [Parameter("After a successful rollout, keep this many of the newest images this build made for the repository in the local engine (at least 1); older ones no container uses are removed")]
    int KeepImages => GetParameter<int?>() ?? 3;

    [Parameter("Kubernetes: kubeconfig file (default: KUBECONFIG, else ~/.kube/config, else the in-cluster service account)", Convention = "KUBECONFIG")]
    string? Kubeconfig => GetParameter<string>();

    // The stock pipeline's glue between the source, the toolchain and Image, which do not know each other: the
    // toolchain builds the source (the checkout, or the clone once it is there) and stamps its commit; the image is
    // built from the toolchain's service, tagged with the source's version, from what Compile published.
    string IToolchain.SourceDirectory => SourceRoot;

    bool IToolchain.HasSource => HasSourceRoot;

    string? ICompile.SourceRevision => Checkout?.Commit;

    string? IImage.ImageVersion => Checkout?.Version;

    IReadOnlyList<Target> IGitSource.SourceConsumers => [Restore];

    string IImage.ImageSourceDirectory => SourceDirectory;

    bool IImage.HasImageSource => HasSource;

    string IImage.ServiceDirectory => ProjectDirectory;

    string? IImage.ImageRevision => SourceRevision;

    string? IImage.PublishedDirectory => Published?.Directory;

    IReadOnlyList<Target> IImage.ImagePrerequisites => [Compile];

    /// <summary>
    /// Docker: keep the replaced version (stopped, as <c>NAME-previous</c>) after a healthy rollout, so a later target
    /// can still put it back; the verification gates (<see cref="Verify.IVerify"/>) set it while a gate is configured and
    /// remove it once the gates pass.
    /// </summary>
    internal bool KeepPreviousVersion => false;

    /// <summary>What <see cref="Rollout"/> deployed; null until it ran.</summary>
    Deployed? Deployed => RolloutState.Of(this).Deployed;

    /// <summary>
    /// The Rollout target's own limit: <see cref="RolloutTimeout"/> to become healthy, plus half an hour for pulling
    /// the image and putting the previous version back (an hour when the rollout timeout is not usable).
    /// </summary>
    private static TimeSpan TargetTimeout(TimeSpan rolloutTimeout) =>
        rolloutTimeout > TimeSpan.Zero && rolloutTimeout < TimeSpan.FromDays(30) ? rolloutTimeout + TimeSpan.FromMinutes(30) : TimeSpan.FromHours(1);

    /// <summary>Deploys the image and waits until it serves.</summary>
    Target Rollout => _ => _
        .Description("Deploy the image (by digest when pushed) to the Docker engine or to Kubernetes, and wait until it serves")
        .DependsOn<IPush>(x => x.Push)
        .DependsOn<ITest>(x => x.Test)
        .Validates(() => RolloutChecks.Problems(this))
        .Preflight(ct => RolloutRunner.PreflightAsync(this, ct))
        .Produces("deployed", () => Deployed?.Reference)
        .Produces("rolloutTarget", () => Deployed?.Target.ToString().ToLowerInvariant())
        .Produces("revisionBefore", () => Deployed?.RevisionBefore)
        .Produces("revisionAfter", () => Deployed?.RevisionAfter)
        .Produces("applied", () => Deployed?.Applied)
        .Outputs(() => Deployed, deployed => RolloutState.Of(this).Deployed = deployed)
        .Timeout(TargetTimeout(RolloutTimeout))
        .Executes(async ct => RolloutState.Of(this).Deployed = await RolloutRunner.RunAsync(this, ct).ConfigureAwait(false));
}
