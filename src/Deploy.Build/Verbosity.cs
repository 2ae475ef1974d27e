namespace Deploy.Build;

/// <summary>How much the console shows (<c>--verbosity</c>). The log file always has everything.</summary>
internal enum Verbosity
{
    /// <summary>Errors and the final result only.</summary>
    Quiet,

    /// <summary>Warnings, errors and the summary.</summary>
    Minimal,

    /// <summary>What targets log, and the summary.</summary>
    Normal,

    /// <summary>Everything, debug lines and stack traces included.</summary>
    Verbose,
}
