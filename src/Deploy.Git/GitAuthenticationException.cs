namespace Deploy.Git;

/// <summary>The server refused the credentials (or asked for some and none were given). Never retried.</summary>
public sealed class GitAuthenticationException : GitException
{
    /// <summary>Creates the exception.</summary>
    public GitAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around its cause.</summary>
    public GitAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
