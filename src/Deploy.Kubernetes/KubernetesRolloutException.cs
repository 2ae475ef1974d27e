using Deploy.Build;

namespace Deploy.Kubernetes;

/// <summary>
/// A Kubernetes rollout could not start (bad input, no cluster, missing Deployment or container, paused) or failed.
/// The message says what happened, including whether the Deployment was rolled back, and what to change.
/// </summary>
public class KubernetesRolloutException : DeployException
{
    /// <summary>Creates the exception.</summary>
    public KubernetesRolloutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around its cause.</summary>
    public KubernetesRolloutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What was changed before the failure (revisions, whether it was rolled back); null when nothing was changed.</summary>
    public KubernetesRolloutResult? Result { get; init; }

    /// <summary>Whether the Deployment was rolled back to the revision that ran before.</summary>
    public bool RolledBack => Result?.RolledBack ?? false;
}
