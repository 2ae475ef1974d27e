using System.Globalization;
using System.Text;

namespace Deploy.Build.Reports;

/// <summary>
/// Helpers shared by the pages: text escaping and numbers. The pages are XHTML-compatible (every element closed,
/// only the five XML entities), so a browser shows them and an XML parser reads them.
/// </summary>
internal static class Html
{
    public const string Style = """
        body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1f2328; background: #fff; }
        h1 { font-size: 20px; margin: 0 0 4px; }
        p.meta { margin: 0 0 16px; color: #57606a; }
        svg { display: block; overflow: visible; }
        svg text { font: 13px system-ui, -apple-system, "Segoe UI", sans-serif; fill: #1f2328; }
        .legend { display: flex; flex-wrap: wrap; gap: 16px; margin: 12px 0; padding: 0; list-style: none; }
        .legend li { display: flex; align-items: center; gap: 6px; }
        .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; border: 1px solid #8c959f; }
        .succeeded { fill: #2da44e; background: #2da44e; }
        .failed { fill: #cf222e; background: #cf222e; }
        .aborted { fill: #fb8500; background: #fb8500; }
        .uptodate { fill: #9be9a8; background: #9be9a8; }
        .collective { fill: #8c959f; background: #8c959f; }
        .skipped { fill: #d0d7de; background: #d0d7de; }
        .notrun { fill: #eaeef2; background: #eaeef2; }
        rect.critical { stroke: #0a0a0a; stroke-width: 3px; }
        .swatch.critical { background: #fff; border: 3px solid #0a0a0a; }
        .failures li { margin-bottom: 6px; }
        .failures pre { margin: 2px 0 0; white-space: pre-wrap; }
        """;

    /// <summary>Text for an element or an attribute: the five XML entities, and characters XML forbids replaced.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => c.ToString(),
                _ when c < ' ' || c is '\uFFFE' or '\uFFFF' => "\uFFFD",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    /// <summary>A number for an SVG attribute: invariant, at most two decimals.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";

    /// <summary>The page around a body: inline CSS, nothing fetched.</summary>
    public static string Page(string title, string body) =>
        $"""
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8" />
        <title>{Escape(title)}</title>
        <style>
        {Style}
        </style>
        </head>
        <body>
        {body}
        </body>
        </html>

        """;

    /// <summary>Roughly how wide a label draws, so boxes and columns fit their names without measuring fonts.</summary>
    public static double TextWidth(string text) => text.Length * 7.6;

    /// <summary>Writes a page atomically, so a browser never shows half a file.</summary>
    public static void Write(string path, string content)
    {
        var partial = path + ".partial";
        File.WriteAllText(partial, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(partial, path, overwrite: true);
    }
}
