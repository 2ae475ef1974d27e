using System.Globalization;
using System.Text;
using Deploy.Build.Definition;
using Deploy.Build.Parameters;
using Deploy.Build.Records;

namespace Deploy.Build.Cli;

/// <summary>
/// The text of <c>--help</c>: targets, parameters, options. Rows are a class and loops, not value tuples through LINQ:
/// LINQ over a value type is generic code no ReadyToRun image holds, JIT-compiled on every start.
/// </summary>
internal static class HelpWriter
{
    public static string Render(BuildModel model, IReadOnlyList<ParameterDescriptor> parameters, IReadOnlyList<string> defaultTargets, int processorCount, IReadOnlyList<IBuildCommand>? commands = null)
    {
        var text = new StringBuilder();
        text.Append("Usage: ./build.sh [TARGET ...] [OPTION ...] [--<parameter> VALUE ...]\n\n");

        var targets = model.Targets.Where(t => !t.Unlisted).ToList();
        var defaults = defaultTargets.Select(Names.Normalize).ToHashSet(StringComparer.Ordinal);
        text.Append("Targets (* runs when none is named):\n");
        var rows = new List<Row>(targets.Count);
        foreach (var target in targets)
        {
            var dependencies = new string[target.DependsOn.Count];
            for (var i = 0; i < dependencies.Length; i++)
            {
                dependencies[i] = model.Targets[target.DependsOn[i]].Name;
            }

            rows.Add(new((defaults.Contains(Names.Normalize(target.Name)) ? "* " : "  ") + target.Name,
                Join(target.Description, dependencies.Length == 0 ? null : "depends on " + string.Join(", ", dependencies))));
        }

        WriteRows(text, rows);

        if (parameters.Count > 0)
        {
            // "else DOCKER_HOST": another tool's variable the component reads itself when the parameter is given nowhere.
            text.Append("\nParameters (command line, then env DEPLOY_<NAME>, then .nuke/parameters.<profile>.json, then .nuke/parameters.json;\n");
            text.Append("'else VAR' names another tool's variable the component reads when the parameter is given nowhere):\n");
            WriteRows(text, parameters.Select(p => new Row($"  --{p.CliName} {Placeholder(p.ValueType)}".TrimEnd(), Join(p.Description, DefaultText(p), p.EnvironmentText))).ToList());
        }

        text.Append("\nOptions:\n");
        WriteRows(text,
        [
            new("  --skip [TARGET ...]", "Skip these targets, and dependencies only they need; alone: skip all but the named targets"),
            new("  --force [TARGET ...]", "Run these targets even when their inputs are unchanged (up to date); alone: all of them"),
            new("  --parallel N", string.Create(CultureInfo.InvariantCulture, $"At most N targets at once (default: the processor count, {processorCount}); 1 runs in declaration order")),
            new("  --keep-going", "After a failure, let targets that do not depend on it finish"),
            new("  --plan", "Print the plan, one line per wave of targets that may run together, which would be up to date and why the others would run, and draw it in .nuke/temp/execution-plan.html; run nothing"),
            new("  --continue", "Rerun only what did not succeed in the last run with the same arguments; the rest hands on what it stored then (or reruns when that is gone)"),
            new("  --verbosity LEVEL", "quiet | minimal | normal | verbose (default: normal)"),
            new("  --root DIR", "The build's root (default: the nearest directory upwards holding .nuke/)"),
            new("  --profile NAME", "Also read .nuke/parameters.NAME.json (before .nuke/parameters.json)"),
            new("  --report RUN_JSON", "Draw a recorded run (a run.json) as .nuke/temp/run.html; run nothing"),
            new("  --no-progress", "Plain lines only, no live view of the running targets (plain anyway when not a terminal, CI=true or TERM=dumb)"),
            new("  --help", "Show this text"),
        ]);
        if (commands is { Count: > 0 })
        {
            text.Append("\nCommands (instead of running targets):\n");
            WriteRows(text, commands.Select(c => new Row("  " + c.Usage, c.Description)).ToList());
        }

        text.Append("\nExit codes: 0 succeeded, 1 a target failed, 2 bad invocation, definition or parameter value, or a failed preflight (nothing ran), 130 cancelled.\n");
        text.Append(string.Create(CultureInfo.InvariantCulture,
            $"The latest run's log and record: .nuke/temp/{RunHistory.LogFileName}, .nuke/temp/{RunRecord.FileName}; the {RunHistory.Kept} runs before it: .nuke/temp/{RunHistory.DirectoryName}/.\n"));
        return text.ToString();
    }

    private static void WriteRows(StringBuilder text, List<Row> rows)
    {
        if (rows.Count == 0)
        {
            text.Append("  (none)\n");
            return;
        }

        var width = 0;
        foreach (var row in rows)
        {
            width = Math.Max(width, row.Name.Length + 3);
        }

        foreach (var row in rows)
        {
            text.Append(string.IsNullOrEmpty(row.Text) ? row.Name : row.Name.PadRight(width) + row.Text).Append('\n');
        }
    }

    /// <summary>
    /// A description (its closing period dropped) and facts about the item, joined by "; ". Only the description is
    /// trimmed: a fact may end in a period that is its value ("default .").
    /// </summary>
    private static string? Join(string? description, params string?[] facts) =>
        string.Join("; ", facts.Prepend(description?.TrimEnd('.')).Where(part => !string.IsNullOrEmpty(part)));

    private static string? DefaultText(ParameterDescriptor parameter)
    {
        if (parameter.IsSecret)
        {
            return "secret";
        }

        var value = parameter.Default switch
        {
            null or false => null,
            string text => text.Length == 0 ? null : text,
            Array array => array.Length == 0 ? null : string.Join(" ", array.Cast<object>().Select(Show)),
            var other => Show(other),
        };
        return value is null ? null : $"default {value}";
    }

    private static string Show(object value) => value switch
    {
        TimeSpan span => Duration(span),
        bool flag => flag ? "true" : "false",
        Enum e => e.ToString().ToLowerInvariant(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? $"{span.TotalHours:0}h"
        : span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 ? $"{span.TotalMinutes:0}m"
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###}s");

    private static string Placeholder(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        element = Nullable.GetUnderlyingType(element) ?? element;
        var name = element switch
        {
            _ when element == typeof(bool) => "",
            _ when element == typeof(int) || element == typeof(long) || element == typeof(double) => "<number>",
            _ when element == typeof(TimeSpan) => "<duration>",
            _ when element == typeof(Uri) => "<url>",
            _ when element.IsEnum => "<" + string.Join("|", Enum.GetNames(element).Select(n => n.ToLowerInvariant())) + ">",
            _ => "<text>",
        };
        return type.IsArray && name.Length > 0 ? name + "..." : name;
    }

    private sealed record Row(string Name, string? Text);
}
