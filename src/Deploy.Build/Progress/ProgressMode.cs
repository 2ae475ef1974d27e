using Deploy.Build.Hosts;

namespace Deploy.Build.Progress;

/// <summary>
/// Whether a run draws a live view: only on an interactive terminal. Written output that someone reads later
/// (a file, a pipe, a CI log) gets plain lines with no escape codes. Spectre-free on purpose: deciding must not
/// load Spectre.Console, which a plain run never needs.
/// </summary>
internal static class ProgressMode
{
    public static bool IsInteractive(BuildHost host, bool noProgress) =>
        host.OutIsTerminal
        && !noProgress
        && !IsCi(host.Environment)
        && !GitHubActionsLog.IsActive(host.Environment)
        && TerminalCanMoveTheCursor(host.Environment);

    /// <summary><c>CI=true</c> (GitHub, GitLab, Azure, Travis and most others set it); <c>CI=false</c> or <c>0</c> means not.</summary>
    private static bool IsCi(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("CI", out var value) && value.Length > 0
        && !value.Equals("false", StringComparison.OrdinalIgnoreCase) && value != "0";

    /// <summary>A terminal that cannot move the cursor (<c>TERM=dumb</c>, Emacs shells) gets plain lines; Windows sets no TERM.</summary>
    private static bool TerminalCanMoveTheCursor(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("TERM", out var term) && term.Length > 0
            ? !term.Equals("dumb", StringComparison.OrdinalIgnoreCase)
            : OperatingSystem.IsWindows();
}
