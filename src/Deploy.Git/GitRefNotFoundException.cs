namespace Deploy.Git;

/// <summary>The requested branch, tag or commit does not exist in the repository. Never retried.</summary>
public sealed class GitRefNotFoundException : GitException
{
    /// <summary>Creates the exception.</summary>
    public GitRefNotFoundException(string message, string requestedRef)
        : base(message)
    {
        RequestedRef = requestedRef;
    }

    /// <summary>The value of <c>--ref</c> that matched nothing.</summary>
    public string RequestedRef { get; }
}
