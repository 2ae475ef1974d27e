using System.Text.RegularExpressions;
using Deploy.Docker;
using Deploy.Kubernetes;

namespace Deploy.Rollout;

/// <summary>
/// Every check of the Rollout target's parameters, for both backends: its <c>Validates</c> runs them while planning,
/// and <see cref="RolloutRunner"/> runs them again before it builds the request, so a check exists once. The backends
/// check their own requests (<see cref="DockerRollout.Validate"/>, <see cref="KubernetesRolloutValidation.ValidateParameters"/>).
/// </summary>
internal static partial class RolloutChecks
{
    public static List<string> Problems(IRollout build)
    {
        // --rollout-timeout is each backend's to check: they check it with their other values.
        var problems = new List<string>();
        if (ImageHousekeeping.KeepProblem(build.KeepImages) is { } keep)
        {
            problems.Add(keep);
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

        problems.AddRange(DockerRollout.Validate(DockerBackend.Request(build, image: "")));
        return problems;
    }

    public const string KubernetesNeedsRegistry =
        "--rollout-target kubernetes deploys by digest, so the image must be pushed where the cluster can pull it: give --registry HOST[:PORT] (and credentials if it needs them).";

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestRule();
}
