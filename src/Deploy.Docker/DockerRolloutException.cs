using Deploy.Build;

namespace Deploy.Docker;

/// <summary>
/// A Docker rollout failed or was refused before it changed anything. The message says what happened, what state the
/// service was left in (the previous version running again, or nothing touched) and what to change.
/// </summary>
public class DockerRolloutException : DeployException
{
    /// <summary>Creates the exception.</summary>
    public DockerRolloutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around its cause.</summary>
    public DockerRolloutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the previous version was put back (or was never replaced).</summary>
    public bool PreviousVersionRestored { get; init; }
}
