namespace Deploy.Build.Execution;

/// <summary>A target ran past its <see cref="ITargetDefinition.Timeout"/>: its token was cancelled and it failed.</summary>
internal sealed class TargetTimeoutException(string target, TimeSpan timeout, Exception? innerException)
    : DeployException(
        $"Target '{target}' did not finish within its timeout of {Formatting.Limit(timeout)} (.Timeout in its definition), so it was cancelled. If it needs longer, declare a longer .Timeout(...) on it.",
        innerException ?? new OperationCanceledException())
{
    public string Target { get; } = target;

    public TimeSpan Timeout { get; } = timeout;
}
