using Deploy.Build;

namespace Deploy.Git;

/// <summary>A clone or update failed. The message says what was wrong and what to change; credentials never appear in it.</summary>
public class GitException : DeployException
{
    /// <summary>Creates the exception.</summary>
    public GitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around its cause.</summary>
    public GitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The repository involved, credentials masked; null when the failure is not about one.</summary>
    public string? Repository { get; init; }
}
