using Deploy.Docker;

namespace Deploy.Rollout;

/// <summary>Rolls the built or pushed image out to a container on the Docker engine (see <see cref="DockerRollout"/>).</summary>
internal static class DockerBackend
{
    public static async Task<Deployed> RunAsync(IRollout build, string image, CancellationToken cancellationToken) =>
        Describe(await DockerRollout.RunAsync(Request(build, image), build.Log, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Undoes what <see cref="RunAsync"/> deployed, for a later target that found the new version bad: the previous
    /// container back, when the rollout kept it. Throws a <see cref="DockerRolloutException"/> when it cannot.
    /// </summary>
    public static async Task<Deployed> RollBackAsync(IRollout build, Deployed deployed, CancellationToken cancellationToken)
    {
        var result = deployed.Docker ?? throw new InvalidOperationException($"{deployed.Where} was not deployed to the Docker engine.");
        return Describe(await DockerRollout.RollBackAsync(Request(build, deployed.Reference), result, build.Log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The request from the build's parameters: the one the checks, the preflight and the rollout all read.</summary>
    public static DockerRolloutRequest Request(IRollout build, string image)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["deploy.image"] = build.ImageName };
        if (build.SourceRevision is { } revision)
        {
            labels["org.opencontainers.image.revision"] = revision;
        }

        return new DockerRolloutRequest
        {
            ContainerName = build.ContainerName ?? build.ImageName,
            Image = image,
            Port = build.ServicePort,
            Environment = build.ServiceEnv,
            Publish = build.Publish,
            HealthUrl = build.HealthUrl,
            Timeout = build.RolloutTimeout,
            Labels = labels,
            DockerHost = build.DockerHost,
            EnvironmentVariables = build.EnvironmentVariables,
            TimeProvider = build.Time,
            Force = build.IsForced(nameof(IRollout.Rollout)),
            KeepPrevious = build.KeepPreviousVersion,
        };
    }

    internal static Deployed Describe(DockerRolloutResult result) =>
        new(RolloutTarget.Docker, result.Image, result.ContainerName, result.PreviousImageId, result.ContainerId) { Docker = result };
}
