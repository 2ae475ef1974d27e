using Deploy.Build;

namespace Deploy.Rollout;

/// <summary>
/// A rollout failed or was refused before it changed anything. The message says what happened, what state the
/// service was left in (the previous version running again, or nothing touched) and what to change.
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

    /// <summary>True when the previous version was put back (or was never replaced).</summary>
    public bool PreviousVersionRestored { get; init; }
}
