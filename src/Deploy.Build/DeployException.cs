namespace Deploy.Build;

/// <summary>The base of Deploy's own errors. Messages are whole sentences that say what to change.</summary>
public class DeployException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeployException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around its cause.</summary>
    public DeployException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
