using System.Globalization;

namespace Deploy.Build.Cli;

/// <summary>
/// The parsed command line: <c>[TARGET ...] [--skip [TARGET ...]] [--force [TARGET ...]] [--parallel N] [--keep-going] [--plan]
/// [--help] [--verbosity LEVEL] [--root DIR] [--profile NAME] [--continue] [--report RUN_JSON] [--no-progress] [--&lt;parameter&gt; VALUE ...]</c>.
/// Option names match case-insensitively, with or without hyphens; <c>--name=value</c> works too.
/// </summary>
internal sealed class CommandLine
{
    public List<string> Targets { get; } = [];
    public List<string>? Skip { get; private set; }

    /// <summary><c>--force [TARGET ...]</c>: null when not given; empty: every target runs even when up to date.</summary>
    public List<string>? Force { get; private set; }
    public int? Parallel { get; private set; }
    public bool KeepGoing { get; private set; }
    public bool Plan { get; private set; }
    public bool Help { get; private set; }
    public bool Continue { get; private set; }

    /// <summary><c>--no-progress</c>: plain lines even on a terminal, no live view.</summary>
    public bool NoProgress { get; private set; }

    public Verbosity Verbosity { get; private set; } = Verbosity.Normal;
    public string? Root { get; private set; }
    public string? Profile { get; private set; }

    /// <summary><c>--report FILE</c>: render this run.json into run.html and run nothing.</summary>
    public string? Report { get; private set; }

    /// <summary>Everything that is not an engine option, in order: resolved against the build's parameters.</summary>
    public List<GivenValue> Parameters { get; } = [];

    public List<string> Problems { get; } = [];

    /// <summary>The engine's own options (normalized), for "did you mean" suggestions.</summary>
    public static readonly string[] Options = ["help", "plan", "skip", "force", "parallel", "keep-going", "verbosity", "root", "profile", "continue", "report", "no-progress"];

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine();
        var i = 0;
        while (i < args.Count && !IsOption(args[i]))
        {
            line.Targets.Add(args[i++]);
        }

        while (i < args.Count)
        {
            var token = args[i++];
            if (!IsOption(token))
            {
                line.Problems.Add($"Unexpected argument '{token}'. Targets come first: ./build.sh TARGET ... --option value.");
                continue;
            }

            var (name, inlineValue) = Split(token);
            var values = new List<string>();
            if (inlineValue is not null)
            {
                values.Add(inlineValue);
            }
            else
            {
                while (i < args.Count && !IsOption(args[i]))
                {
                    values.Add(args[i++]);
                }
            }

            line.Apply(token, name, values);
        }

        return line;
    }

    private void Apply(string token, string name, List<string> values)
    {
        switch (Names.Normalize(name))
        {
            case "help" or "h" or "?":
                Help = Flag(token, values);
                break;
            case "plan":
                Plan = Flag(token, values);
                break;
            case "keepgoing":
                KeepGoing = Flag(token, values);
                break;
            case "continue":
                Continue = Flag(token, values);
                break;
            case "noprogress":
                NoProgress = Flag(token, values);
                break;
            case "skip":
                Skip = values;
                break;
            case "force":
                Force = values;
                break;
            case "parallel":
                if (values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parallel) && parallel >= 1)
                {
                    Parallel = parallel;
                }
                else
                {
                    Problems.Add($"Invalid value '{string.Join(' ', values)}' for --parallel: expected how many targets may run at once, a whole number of at least 1 (e.g. --parallel 4).");
                }

                break;
            case "verbosity":
                if (values.Count == 1 && Enum.GetNames<Verbosity>().FirstOrDefault(v => v.Equals(values[0], StringComparison.OrdinalIgnoreCase)) is { } verbosity)
                {
                    Verbosity = Enum.Parse<Verbosity>(verbosity);
                }
                else
                {
                    Problems.Add($"Invalid value '{string.Join(' ', values)}' for --verbosity: expected one of quiet, minimal, normal, verbose.");
                }

                break;
            case "root":
                Root = Single(token, values, "a directory");
                break;
            case "report":
                Report = Single(token, values, "a run.json file");
                break;
            case "profile":
                Profile = Single(token, values, "a profile name");
                if (Profile is not null && Profile.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
                {
                    Problems.Add($"Invalid value '{Profile}' for --profile: use letters, digits, '-', '_' or '.' (it names .nuke/parameters.{{profile}}.json).");
                    Profile = null;
                }

                break;
            default:
                Parameters.Add(new GivenValue(name, values));
                break;
        }
    }

    private bool Flag(string token, List<string> values)
    {
        if (values.Count == 0)
        {
            return true;
        }

        if (values.Count == 1 && bool.TryParse(values[0], out var value))
        {
            return value;
        }

        Problems.Add($"{token} is a switch and takes no value, but got '{string.Join(' ', values)}'. Targets come before options.");
        return false;
    }

    private string? Single(string token, List<string> values, string what)
    {
        if (values.Count == 1)
        {
            return values[0];
        }

        Problems.Add($"{token} takes exactly one value ({what}), but got {values.Count}.");
        return null;
    }

    private static bool IsOption(string token) => token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2
        || token is "-h" or "-?";

    private static (string Name, string? Value) Split(string token)
    {
        var body = token.TrimStart('-');
        var equals = body.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (body, null) : (body[..equals], body[(equals + 1)..]);
    }
}

/// <summary>A parameter as typed on the command line, with its values.</summary>
internal sealed record GivenValue(string Name, IReadOnlyList<string> Values);
