using Deploy.Build;

namespace Deploy.Rollout;

/// <summary>
/// The Rollout target was refused before anything changed: a parameter, or no image to deploy. The message says what
/// to change. What the backends throw once they run is theirs: <see cref="Docker.DockerRolloutException"/>,
/// <see cref="Kubernetes.KubernetesRolloutException"/>.
/// </summary>
public class RolloutException : DeployException
{
    /// <summary>Creates the exception.</summary>
    public RolloutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around its cause.</summary>
    public RolloutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
