namespace Deploy.Build;

/// <summary>The process's exit codes (a contract: scripts and CI read them), for the engine and for <see cref="IBuildCommand"/>s.</summary>
public static class ExitCodes
{
    /// <summary>Every target succeeded (or the command did what it was asked).</summary>
    public const int Succeeded = 0;

    /// <summary>A target failed (or the command's check failed, e.g. a stale generated file).</summary>
    public const int Failed = 1;

    /// <summary>A bad invocation, definition or parameter value, or a failed preflight: nothing ran.</summary>
    public const int Invalid = 2;

    /// <summary>Ctrl+C or SIGTERM stopped it.</summary>
    public const int Cancelled = 130;
}
