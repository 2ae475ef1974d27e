namespace Deploy.Kubernetes.Rollout;

/// <summary>The rollout cannot succeed: the progress deadline passed, or a new pod is broken. The message is the reason.</summary>
internal sealed class RolloutFailedException : Exception
{
    public RolloutFailedException(string message)
        : base(message)
    {
    }

    public RolloutFailedException()
    {
    }

    public RolloutFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
