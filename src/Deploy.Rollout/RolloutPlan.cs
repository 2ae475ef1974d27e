using System.Globalization;
using System.Text.RegularExpressions;
using Deploy.Docker.Engine;
using Deploy.Rollout.Docker;

namespace Deploy.Rollout;

/// <summary>Checks the rollout's parameters, then hands the image to the chosen backend.</summary>
internal static partial class RolloutPlan
{
    public static async Task<Deployed> RunAsync(IRollout build, CancellationToken cancellationToken)
    {
        if (build.RolloutTimeout <= TimeSpan.Zero)
        {
            throw new RolloutException($"--rollout-timeout '{build.RolloutTimeout}' is not a positive time. Give e.g. --rollout-timeout 00:05:00.");
        }

        return build.RolloutTarget switch
        {
            RolloutTarget.Kubernetes => await KubernetesBackend.RunAsync(build, ImageReference(build, requireDigest: true), cancellationToken).ConfigureAwait(false),
            _ => await RunOnDockerAsync(build, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>The image to deploy: the pushed digest reference, else (Docker only) the built image's ID.</summary>
    public static string ImageReference(IRollout build, bool requireDigest)
    {
        if (build.Pushed is { } pushed)
        {
            return pushed.Reference;
        }

        if (build.Digest is { } digest)
        {
            if (!DigestRule().IsMatch(digest))
            {
                throw new RolloutException($"--digest '{digest}' is not an image digest. Give it as Push records it: sha256: and 64 lowercase hex digits.");
            }

            if (build.Registry is not { } registry)
            {
                throw new RolloutException($"--digest '{digest}' names an image in a registry, but --registry is not given. Give the registry it was pushed to.");
            }

            return $"{registry}/{build.ImageName}@{digest}";
        }

        if (requireDigest)
        {
            throw new RolloutException(
                "--rollout-target kubernetes deploys by digest, so the image must be pushed where the cluster can pull it: give --registry HOST[:PORT] (and credentials if it needs them).");
        }

        return build.BuiltImage?.ImageId
            ?? throw new RolloutException("There is no image to roll out: the Image target has not produced one. Run Rollout with its dependencies (do not --skip Image).");
    }

    private static async Task<Deployed> RunOnDockerAsync(IRollout build, CancellationToken cancellationToken)
    {
        // Parameters first, then the engine, then the image: the first problem a user meets is the one to fix first.
        var settings = DockerRequest(build, image: "");
        using var docker = await DockerEngine.ConnectAsync(build.DockerHost, cancellationToken).ConfigureAwait(false);
        var request = settings with { Image = ImageReference(build, requireDigest: false) };
        var result = await new DockerRollout(docker, build.Log, TimeProvider.System).RunAsync(request, cancellationToken).ConfigureAwait(false);
        return new Deployed(RolloutTarget.Docker, result.Image, request.ContainerName, result.PreviousImageId, result.ContainerId);
    }

    /// <summary>The Docker request from the parameters, each checked with a message naming it.</summary>
    public static DockerRolloutRequest DockerRequest(IRollout build, string image)
    {
        var name = build.ContainerName ?? build.ImageName;
        if (!ContainerNameRule().IsMatch(name))
        {
            throw new RolloutException(
                $"--container-name '{name}' is not a valid container name. Use letters, digits and '_', '.', '-', starting with a letter or digit (e.g. hello-service).");
        }

        if (build.ServicePort is <= 0 or > 65535)
        {
            throw new RolloutException($"--service-port '{build.ServicePort.ToString(CultureInfo.InvariantCulture)}' is not a port. Give a number from 1 to 65535.");
        }

        foreach (var variable in build.ServiceEnv)
        {
            if (variable.IndexOf('=', StringComparison.Ordinal) <= 0)
            {
                throw new RolloutException($"--service-env '{variable}' is not NAME=value. Give each variable as NAME=value, e.g. --service-env LOG_LEVEL=debug.");
            }
        }

        if (build.HealthUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            throw new RolloutException($"--health-url '{url}' is not an http(s) URL. Give e.g. --health-url http://127.0.0.1:8080/healthz.");
        }

        var publish = build.Publish is { } mapping ? PortMapping.Parse(mapping) : null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["deploy.image"] = build.ImageName };
        if (build.SourceRevision is { } revision)
        {
            labels["org.opencontainers.image.revision"] = revision;
        }

        return new DockerRolloutRequest(name, image, build.ServicePort, build.ServiceEnv, publish, build.HealthUrl, build.RolloutTimeout, labels);
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestRule();

    // Docker's own rule for container names: [a-zA-Z0-9][a-zA-Z0-9_.-]+
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex ContainerNameRule();
}
