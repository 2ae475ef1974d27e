using k8s.Models;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// Signs that a new pod will not become ready on its own, so the rollout fails now instead of at the progress
/// deadline (Skaffold's status check does the same): a container waiting in one of
/// <see cref="FatalWaitingReasons"/>, or a container that terminated with a non-zero exit code.
/// </summary>
internal static class PodProblems
{
    public static readonly IReadOnlySet<string> FatalWaitingReasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "CrashLoopBackOff", "CreateContainerConfigError",
    };

    /// <summary>The problem with <paramref name="pod"/> as a sentence, or null when it has none (yet).</summary>
    public static string? Find(V1Pod pod)
    {
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            return null;
        }

        var statuses = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []);
        foreach (var container in statuses)
        {
            var state = container.State;
            if (state?.Waiting is { } waiting && waiting.Reason is { } reason && FatalWaitingReasons.Contains(reason))
            {
                var last = container.LastState?.Terminated is { } ended ? $" (last exit code {ended.ExitCode}{Suffix(ended.Reason)})" : string.Empty;
                return $"pod \"{pod.Metadata.Name}\" container \"{container.Name}\" is waiting: {reason}{Suffix(waiting.Message, ": ")}{last}";
            }

            if (state?.Terminated is { ExitCode: not 0 } terminated)
            {
                return $"pod \"{pod.Metadata.Name}\" container \"{container.Name}\" terminated with exit code {terminated.ExitCode}{Suffix(terminated.Reason, ": ")}{Suffix(terminated.Message, " - ")}";
            }
        }

        return null;
    }

    private static string Suffix(string? text, string separator = ", ") =>
        string.IsNullOrWhiteSpace(text) ? string.Empty : separator + text.Trim();
}
