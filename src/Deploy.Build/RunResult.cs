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
}
