using System.Globalization;
using System.Text.RegularExpressions;
using Deploy.Docker;
using Deploy.Docker.Engine;
using Deploy.Docker.Rollout;
using Deploy.Kubernetes;

namespace Deploy.Rollout;

/// <summary>
/// Every check of the Rollout target's parameters, for both backends: its <c>Validates</c> runs them while planning,
/// and <see cref="RolloutRunner"/> runs them again before it builds the request, so a check exists once.
/// </summary>
internal static partial class RolloutChecks
{
    public static List<string> Problems(IRollout build)
    {
        var problems = new List<string>();
        if (build.RolloutTimeout <= TimeSpan.Zero)
        {
            problems.Add($"--rollout-timeout '{build.RolloutTimeout}' is not a positive time. Give e.g. --rollout-timeout 00:05:00.");
        }

        if (build.Digest is { } digest)
        {
            if (!DigestRule().IsMatch(digest))
            {
                problems.Add($"--digest '{digest}' is not an image digest. Give it as Push records it: sha256: and 64 lowercase hex digits.");
            }
            else if (build.Registry is null)
            {
                problems.Add($"--digest '{digest}' names an image in a registry, but --registry is not given. Give the registry it was pushed to.");
            }
        }

        if (build.RolloutTarget == RolloutTarget.Kubernetes)
        {
            if (build.Registry is null && build.Digest is null)
            {
                problems.Add(KubernetesNeedsRegistry);
            }

            problems.AddRange(KubernetesRolloutValidation.ValidateParameters(KubernetesBackend.Request(build, reference: ""), build.HasSource));
            return problems;
        }

        var name = ContainerName(build);
        if (!ContainerNameRule().IsMatch(name))
        {
            problems.Add($"--container-name '{name}' is not a valid container name. Use letters, digits and '_', '.', '-', starting with a letter or digit (e.g. hello-service).");
        }

        if (build.ServicePort is <= 0 or > 65535)
        {
            problems.Add($"--service-port '{build.ServicePort.ToString(CultureInfo.InvariantCulture)}' is not a port. Give a number from 1 to 65535.");
        }

        problems.AddRange(build.ServiceEnv
            .Where(v => v.IndexOf('=', StringComparison.Ordinal) <= 0)
            .Select(v => $"--service-env '{v}' is not NAME=value. Give each variable as NAME=value, e.g. --service-env LOG_LEVEL=debug."));
        if (build.HealthUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            problems.Add($"--health-url '{url}' is not an http(s) URL. Give e.g. --health-url http://127.0.0.1:8080/healthz.");
        }

        if (build.Publish is { } mapping && PortMapping.Problem(mapping) is { } badMapping)
        {
            problems.Add(badMapping);
        }

        if (DockerEngine.AddressProblem(build.DockerHost, build.EnvironmentVariables) is { } badAddress)
        {
            problems.Add(badAddress);
        }

        return problems;
    }

    public const string KubernetesNeedsRegistry =
        "--rollout-target kubernetes deploys by digest, so the image must be pushed where the cluster can pull it: give --registry HOST[:PORT] (and credentials if it needs them).";

    /// <summary>The container's name: --container-name, else the image name.</summary>
    public static string ContainerName(IRollout build) => build.ContainerName ?? build.ImageName;

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestRule();

    // Docker's own rule for container names: [a-zA-Z0-9][a-zA-Z0-9_.-]+
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex ContainerNameRule();
}
