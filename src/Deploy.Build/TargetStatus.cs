namespace Deploy.Build;

/// <summary>How a planned target ended (the run record's <c>status</c>).</summary>
public enum TargetStatus
{
    /// <summary>Its actions ran to completion.</summary>
    Succeeded,

    /// <summary>An action threw.</summary>
    Failed,

    /// <summary>A condition, <c>--skip</c> or <c>--continue</c> left it out.</summary>
    Skipped,

    /// <summary>It never started: a target it needs failed, or the run stopped first.</summary>
    NotRun,

    /// <summary>It was running when the run stopped (a failure elsewhere, or Ctrl+C).</summary>
    Aborted,

    /// <summary>It has no actions: it only groups its dependencies.</summary>
    Collective,

    /// <summary>
    /// Its inputs (<see cref="ITargetDefinition.Inputs"/>) are those of its last successful run: it did not run, and
    /// what it handed on then was restored.
    /// </summary>
    UpToDate,
}
