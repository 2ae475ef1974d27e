namespace Deploy.Build;

/// <summary>
/// The exit codes of a build, and of an <see cref="IBuildCommand"/>: a contract scripts and CI read, so each has a
/// name and one value.
/// </summary>
public static class ExitCodes
{
    /// <summary>The run (or command) did what was asked.</summary>
    public const int Succeeded = 0;

    /// <summary>A target (or the command's work) failed.</summary>
    public const int Failed = 1;

    /// <summary>Nothing ran: an argument, parameter, check or preflight was wrong (the message names it and the fix).</summary>
    public const int Invalid = 2;

    /// <summary>Ctrl+C or SIGTERM stopped it (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
