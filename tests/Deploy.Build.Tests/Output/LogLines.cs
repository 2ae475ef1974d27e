using System.Text.RegularExpressions;

namespace Deploy.Build.Tests.Output;

/// <summary>A log line split into its parts: <c>HH:mm:ss Name | text</c> (console) or <c>timestamp LVL Name | text</c> (file).</summary>
internal sealed partial record LogLine(string Target, string? Level, string Text)
{
    /// <summary>The console's log lines: everything before the summary table.</summary>
    public static IReadOnlyList<string> ConsoleLines(string output)
    {
        var summary = output.IndexOf("\n─", StringComparison.Ordinal);
        var log = summary < 0 ? output : output[..summary];
        return log.Split('\n').Where(l => l.Length > 0).ToList();
    }

    /// <summary>The file's log lines: everything before the summary table.</summary>
    public static IReadOnlyList<string> FileLines(string logFile) => ConsoleLines(logFile);

    public static LogLine? ParseConsole(string line) =>
        ConsoleLine().Match(line) is { Success: true } m ? new LogLine(m.Groups["target"].Value, null, m.Groups["text"].Value) : null;

    public static LogLine? ParseFile(string line) =>
        FileLine().Match(line) is { Success: true } m ? new LogLine(m.Groups["target"].Value, m.Groups["level"].Value, m.Groups["text"].Value) : null;

    [GeneratedRegex(@"^\d\d:\d\d:\d\d (?<target>\S+) +\| (?<text>.*)$")]
    private static partial Regex ConsoleLine();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (?<level>VRB|DBG|INF|WRN|ERR|FTL) (?<target>\S+) +\| (?<text>.*)$")]
    private static partial Regex FileLine();
}
