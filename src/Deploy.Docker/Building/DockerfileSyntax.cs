using System.Globalization;
using System.Text.RegularExpressions;

namespace Deploy.Docker.Building;

/// <summary>
/// Reads a Dockerfile as the engine's parser does, far enough to tell before anything runs whether the engine would
/// refuse it: the escape directive, line continuations, comments, instruction names and arguments, the FROM lines
/// and their stage names (https://docs.docker.com/reference/dockerfile/). It is lenient where it is unsure
/// (heredocs, flags it does not know): a valid Dockerfile must never be refused here.
/// </summary>
internal static partial class DockerfileSyntax
{
    private static readonly HashSet<string> Instructions = new(StringComparer.OrdinalIgnoreCase)
    {
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };

    /// <summary>What is wrong with <paramref name="text"/> (null when the engine's parser would accept it), and its stages' names.</summary>
    public static (string? Problem, IReadOnlyList<string> Stages) Check(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var escape = EscapeCharacter(lines);
        var stages = new List<string>();
        var sawFrom = false;
        var sawInstruction = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // A line ending in the escape character goes on in the next one; comment lines inside are dropped.
            var logical = line;
            while (logical.EndsWith(escape) && i + 1 < lines.Length)
            {
                logical = logical[..^1];
                var next = lines[++i].Trim();
                while ((next.Length == 0 || next.StartsWith('#')) && i + 1 < lines.Length)
                {
                    next = lines[++i].Trim();
                }

                logical += next.StartsWith('#') ? "" : " " + next;
            }

            var parts = logical.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            var instruction = parts[0];
            var arguments = parts.Length > 1 ? parts[1].Trim() : "";
            var where = string.Create(CultureInfo.InvariantCulture, $"line {start + 1}");
            if (!Instructions.Contains(instruction))
            {
                return ($"{where}: unknown instruction '{instruction}'", stages);
            }

            if (arguments.Length == 0 || arguments.TrimEnd(escape).Trim().Length == 0)
            {
                return ($"{where}: {instruction.ToUpperInvariant()} needs an argument", stages);
            }

            sawInstruction = true;
            var upper = instruction.ToUpperInvariant();
            if (upper == "FROM")
            {
                var words = arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                if (words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
                {
                    stages.Add(words[2]);
                }
                else if (words.Length != 1)
                {
                    return ($"{where}: FROM takes an image and optionally AS <name> (FROM image AS build), not '{arguments}'", stages);
                }

                sawFrom = true;
            }
            else if (!sawFrom && upper != "ARG")
            {
                return ($"{where}: {upper} comes before the first FROM (only ARG may)", stages);
            }

            i = SkipHeredocs(lines, i, arguments);
        }

        return sawInstruction && sawFrom ? (null, stages)
            : sawInstruction ? ("it has no FROM instruction, so there is no stage to build", stages)
            : ("it has no instructions", stages);
    }

    /// <summary>The <c># escape=`</c> parser directive, when one opens the file; else a backslash.</summary>
    private static char EscapeCharacter(string[] lines)
    {
        foreach (var line in lines)
        {
            var match = Directive().Match(line);
            if (!match.Success)
            {
                break;
            }

            if (match.Groups[1].Value.Equals("escape", StringComparison.OrdinalIgnoreCase) && match.Groups[2].Value is ['`'])
            {
                return '`';
            }
        }

        return '\\';
    }

    /// <summary>A heredoc (<c>RUN &lt;&lt;EOF</c> … <c>EOF</c>) holds text, not instructions: the index of its last line.</summary>
    private static int SkipHeredocs(string[] lines, int index, string arguments)
    {
        foreach (Match heredoc in Heredoc().Matches(arguments))
        {
            var word = heredoc.Groups[1].Value;
            while (index + 1 < lines.Length && lines[++index].Trim() != word)
            {
            }
        }

        return index;
    }

    [GeneratedRegex(@"^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"<<-?[""']?([A-Za-z_][A-Za-z0-9_]*)[""']?")]
    private static partial Regex Heredoc();
}
