using Deploy.Build;

namespace Deploy.GitHub.Webhooks;

/// <summary>
/// The states a run goes through as <c>GET /runs</c> shows them (its <c>result</c>): queued, running, then how it
/// ended. The ended states are the run record's <see cref="RunResult"/> names, so a child's record passes through as is.
/// </summary>
internal static class RunStates
{
    public const string Queued = "Queued";
    public const string Running = "Running";
    public const string Succeeded = nameof(RunResult.Succeeded);
    public const string Failed = nameof(RunResult.Failed);
    public const string Cancelled = nameof(RunResult.Cancelled);
}
