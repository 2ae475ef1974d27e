using System.Globalization;
using System.Text;
using Deploy.Build.Planning;

namespace Deploy.Build.Cli;

/// <summary>
/// The text of <c>--plan</c>: one line per wave of targets that may run together; a target that declares inputs says
/// whether it would be up to date or why it would run (<see cref="Fingerprints.UpToDateForecast"/>).
/// </summary>
internal static class PlanWriter
{
    public static string Render(ExecutionPlan plan, int parallelism, IReadOnlyDictionary<string, string>? upToDate = null)
    {
        var waves = plan.Waves;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Plan: {plan.Targets.Count} target{(plan.Targets.Count == 1 ? "" : "s")} in {waves.Count} wave{(waves.Count == 1 ? "" : "s")}, at most {parallelism} at once\n");
        foreach (var wave in waves)
        {
            var names = wave.Select(t => t.SkipReason is not null && !(upToDate?.ContainsKey(t.Name) ?? false) ? $"{t.Name} (skipped: {t.SkipReason})"
                : upToDate?.GetValueOrDefault(t.Name) is { } note ? $"{t.Name} ({note})"
                : t.Name);
            text.Append(CultureInfo.InvariantCulture, $"{wave[0].Wave}: {string.Join(", ", names)}\n");
        }

        return text.ToString();
    }
}
