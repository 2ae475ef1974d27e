using Deploy.Build;

namespace Deploy.GitHub.Workflows;

/// <summary>The workflow cannot be generated from this build or these settings; the message says what to change.</summary>
public sealed class WorkflowException : DeployException
{
    /// <summary>Creates the exception with a whole-sentence message.</summary>
    public WorkflowException(string message)
        : base(message)
    {
    }
}
