using System.Text;
using System.Text.RegularExpressions;

namespace Deploy.Docker.Context;

/// <summary>
/// One <c>.dockerignore</c> line, compiled the way Docker compiles it (moby/patternmatcher): <c>*</c> and <c>?</c>
/// never cross a <c>/</c>, <c>**</c> matches any number of directories, <c>[…]</c> is a class, <c>\</c> escapes.
/// </summary>
internal sealed class IgnorePattern
{
    private readonly Regex _regex;

    private IgnorePattern(string text, bool exclusion, Regex regex)
    {
        Text = text;
        IsException = exclusion;
        _regex = regex;
    }

    /// <summary>The cleaned pattern (no <c>!</c>, no leading <c>/</c> or <c>./</c>).</summary>
    public string Text { get; }

    /// <summary>A <c>!</c> line: it re-includes what earlier lines excluded.</summary>
    public bool IsException { get; }

    /// <summary>Parses one line; null for blank lines and comments.</summary>
    public static IgnorePattern? Parse(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.StartsWith('#'))
        {
            return null;
        }

        var exclusion = text.StartsWith('!');
        if (exclusion)
        {
            text = text[1..].Trim();
        }

        text = Clean(text);
        return text.Length == 0 ? null : new IgnorePattern(text, exclusion, Compile(text));
    }

    /// <summary>Whether the pattern matches the context-relative, <c>/</c>-separated <paramref name="path"/>.</summary>
    public bool Matches(string path) => _regex.IsMatch(path);

    /// <summary>Like Go's <c>filepath.Clean</c> followed by stripping a leading <c>/</c> (Docker: "leading / and ./ are cleaned").</summary>
    internal static string Clean(string pattern)
    {
        var rooted = pattern.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in pattern.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".." || !rooted)
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private static Regex Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                    regex.Append(']');
                }
                else if (c == '\\' && i + 1 < pattern.Length)
                {
                    regex.Append('\\').Append(pattern[++i]);
                }
                else
                {
                    regex.Append(c == '[' ? "\\[" : c.ToString());
                }

                continue;
            }

            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;

                    // "**/" is "**"; "**" at the end matches everything below, else any number of directories (even none).
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                    }

                    regex.Append(i + 1 >= pattern.Length ? ".*" : "(.*/)?");
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    inClass = true;
                    regex.Append('[');
                    if (i + 1 < pattern.Length && pattern[i + 1] is '^' or '!')
                    {
                        i++;
                        regex.Append('^');
                    }

                    break;
                case '\\' when i + 1 < pattern.Length:
                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
