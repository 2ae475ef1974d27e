using Deploy.Build;

namespace Deploy.Rollout.Verify;

/// <summary>A verification gate failed after the rollout; the message quotes the gate, the value and the time, and says what was rolled back.</summary>
public class VerifyException : DeployException
{
    /// <summary>Creates the exception.</summary>
    public VerifyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around its cause.</summary>
    public VerifyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
