using Deploy.Build;

namespace Deploy.GitHub.Webhooks;

/// <summary>
/// The states <c>GET /runs</c> shows a run in: waiting, running, then how it ended, which is its run record's
/// <c>result</c> (so also <c>Invalid</c>) or, with no record, what its exit code says.
/// </summary>
internal static class RunStates
{
    public const string Queued = "Queued";
    public const string Running = "Running";
    public const string Succeeded = nameof(RunResult.Succeeded);
    public const string Failed = nameof(RunResult.Failed);
    public const string Cancelled = nameof(RunResult.Cancelled);

    /// <summary>The exit code shown for a run whose process never ran (the runner itself failed).</summary>
    public const int NoExitCode = -1;

    /// <summary>How a run ended by its exit code alone, for a run that left no readable record.</summary>
    public static string FromExitCode(int exitCode) => exitCode switch
    {
        ExitCodes.Succeeded => Succeeded,
        ExitCodes.Cancelled => Cancelled,
        _ => Failed,
    };
}
