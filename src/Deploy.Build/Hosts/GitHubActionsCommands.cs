namespace Deploy.Build.Hosts;

// The engine's host layer, beside GitHubActionsHost (whose comment says why it is not in Deploy.GitHub).
/// <summary>
/// GitHub Actions workflow commands (<c>::name props::data</c>), escaped as the runner unescapes them
/// (actions/toolkit, packages/core/src/command.ts): <c>%</c>, CR and LF in data; also <c>:</c> and <c>,</c> in properties.
/// </summary>
internal static class GitHubActionsCommands
{
    public const string EndGroup = "::endgroup::\n";

    public static string Group(string title) => $"::group::{EscapeData(title)}\n";

    public static string Error(string title, string message) => $"::error title={EscapeProperty(title)}::{EscapeData(message)}\n";

    public static string Warning(string title, string message) => $"::warning title={EscapeProperty(title)}::{EscapeData(message)}\n";

    /// <summary>
    /// <c>::add-mask::VALUE</c> for each value, one command per line of it (the runner masks line by line, so a
    /// multi-line secret is registered as its lines).
    /// </summary>
    public static string AddMasks(IEnumerable<string> secrets) => string.Concat(secrets
        .SelectMany(s => s.ReplaceLineEndings("\n").Split('\n'))
        .Where(line => line.Trim().Length > 0)
        .Distinct(StringComparer.Ordinal)
        .Select(line => $"::add-mask::{EscapeData(line)}\n"));

    public static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
