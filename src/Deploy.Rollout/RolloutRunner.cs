using Deploy.Docker;
using Deploy.Kubernetes;

namespace Deploy.Rollout;

/// <summary>The Rollout target's work: checks the rollout's parameters, then hands the image to the chosen backend.</summary>
internal static class RolloutRunner
{
    public static async Task<Deployed> RunAsync(IRollout build, CancellationToken cancellationToken)
    {
        if (RolloutChecks.Problems(build) is [_, ..] problems)
        {
            throw new RolloutException(string.Join('\n', problems));
        }

        var deployed = build.RolloutTarget switch
        {
            RolloutTarget.Kubernetes => await KubernetesBackend.RunAsync(build, ImageReference(build, requireDigest: true), cancellationToken).ConfigureAwait(false),
            _ => await DockerBackend.RunAsync(build, ImageReference(build, requireDigest: false), cancellationToken).ConfigureAwait(false),
        };

        // Housekeeping of the local engine, where Image built: only after a rollout that succeeded.
        if (build.BuiltImage is { } image && deployed.Kubernetes?.DryRun != true)
        {
            await ImageHousekeeping.RemoveOldAsync(image, build.KeepImages, build.DockerHost, build.EnvironmentVariables, build.Log, cancellationToken).ConfigureAwait(false);
        }

        return deployed;
    }

    /// <summary>
    /// Undoes what <see cref="RunAsync"/> deployed, for a later target that found the new version bad (see
    /// <see cref="KubernetesBackend.RollBackAsync"/> and <see cref="DockerBackend.RollBackAsync"/>).
    /// </summary>
    public static Task<Deployed> RollBackAsync(IRollout build, Deployed deployed, CancellationToken cancellationToken) => deployed.Target switch
    {
        RolloutTarget.Kubernetes => KubernetesBackend.RollBackAsync(build, deployed, cancellationToken),
        _ => DockerBackend.RollBackAsync(build, deployed, cancellationToken),
    };

    /// <summary>
    /// The Rollout target's preflight: the Docker engine answers, or the Kubernetes context is usable and has the
    /// Deployment. Either way nothing is changed.
    /// </summary>
    public static Task PreflightAsync(IRollout build, CancellationToken cancellationToken) => build.RolloutTarget switch
    {
        RolloutTarget.Kubernetes => KubernetesPreflight.CheckAsync(KubernetesBackend.Request(build, reference: ""), cancellationToken),
        _ => DockerRollout.PreflightAsync(DockerBackend.Request(build, image: ""), cancellationToken),
    };

    /// <summary>The image to deploy: the pushed digest reference, else (Docker only) the built image's ID.</summary>
    public static string ImageReference(IRollout build, bool requireDigest)
    {
        if (build.Pushed is { } pushed)
        {
            return pushed.Reference;
        }

        // The digest's form and its registry are checked with the other parameters (RolloutChecks).
        if (build.Digest is { } digest && build.Registry is { } registry)
        {
            return $"{registry}/{build.ImageName}@{digest}";
        }

        if (requireDigest)
        {
            throw new RolloutException(RolloutChecks.KubernetesNeedsRegistry);
        }

        return build.BuiltImage?.ImageId
            ?? throw new RolloutException("There is no image to roll out: the Image target has not produced one. Run Rollout with its dependencies (do not --skip Image).");
    }
}
