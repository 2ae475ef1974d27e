namespace Deploy.Build;

/// <summary>How the whole run ended (the run record's <c>result</c>).</summary>
public enum RunResult
{
    /// <summary>Every target succeeded, was skipped or collective.</summary>
    Succeeded,

    /// <summary>At least one target failed.</summary>
    Failed,

    /// <summary>Ctrl+C or SIGTERM stopped the run.</summary>
    Cancelled,

    /// <summary>
    /// The run never started: a parameter, a target's check or a preflight failed (exit 2). The run record lists the
    /// problems, and every planned target as NotRun.
    /// </summary>
    Invalid,
}
