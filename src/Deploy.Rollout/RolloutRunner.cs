using Deploy.Docker;
using Deploy.Docker.Engine;
using Deploy.Docker.Rollout;
using Deploy.Kubernetes;

namespace Deploy.Rollout;

/// <summary>Checks the rollout's parameters, then hands the image to the chosen backend.</summary>
internal static class RolloutRunner
{
    public static async Task<Deployed> RunAsync(IRollout build, CancellationToken cancellationToken)
    {
        if (RolloutChecks.Problems(build) is [_, ..] problems)
        {
            throw new RolloutException(string.Join('\n', problems));
        }

        return build.RolloutTarget switch
        {
            RolloutTarget.Kubernetes => await KubernetesBackend.RunAsync(build, ImageReference(build, requireDigest: true), cancellationToken).ConfigureAwait(false),
            _ => await RunOnDockerAsync(build, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// The Rollout target's preflight: the Docker engine answers, or the Kubernetes context is usable and has the
    /// Deployment. Either way nothing is changed.
    /// </summary>
    public static Task PreflightAsync(IRollout build, CancellationToken cancellationToken) => build.RolloutTarget switch
    {
        RolloutTarget.Kubernetes => KubernetesPreflight.CheckAsync(KubernetesBackend.Request(build, reference: ""), cancellationToken),
        _ => DockerEngine.PingAsync(build.DockerHost, build.EnvironmentVariables, cancellationToken),
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

    private static async Task<Deployed> RunOnDockerAsync(IRollout build, CancellationToken cancellationToken)
    {
        // Parameters first (checked above), then the engine, then the image: the first problem a user meets is the one to fix first.
        using var docker = await DockerEngine.ConnectAsync(build.DockerHost, build.EnvironmentVariables, cancellationToken).ConfigureAwait(false);
        var request = DockerRequest(build, ImageReference(build, requireDigest: false));
        var result = await new RolloutRun(docker, build.Log, build.Time).RunAsync(request, cancellationToken).ConfigureAwait(false);
        return new Deployed(RolloutTarget.Docker, result.Image, request.ContainerName, result.PreviousImageId, result.ContainerId);
    }

    /// <summary>The Docker request from the parameters (checked by <see cref="RolloutChecks"/>).</summary>
    public static DockerRolloutRequest DockerRequest(IRollout build, string image)
    {
        var publish = build.Publish is { } mapping ? PortMapping.Parse(mapping) : null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["deploy.image"] = build.ImageName };
        if (build.SourceRevision is { } revision)
        {
            labels["org.opencontainers.image.revision"] = revision;
        }

        return new DockerRolloutRequest(RolloutChecks.ContainerName(build), image, build.ServicePort, build.ServiceEnv, publish, build.HealthUrl, build.RolloutTimeout, labels);
    }
}
