using System.Globalization;
using System.Text;
using Deploy.Build.Planning;

namespace Deploy.Build.Cli;

/// <summary>The text of <c>--plan</c>: one line per wave of targets that may run together.</summary>
internal static class PlanWriter
{
    public static string Render(ExecutionPlan plan, int parallelism)
    {
        var waves = plan.Waves;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Plan: {plan.Targets.Count} target{(plan.Targets.Count == 1 ? "" : "s")} in {waves.Count} wave{(waves.Count == 1 ? "" : "s")}, at most {parallelism} at once\n");
        foreach (var wave in waves)
        {
            var names = wave.Select(t => t.SkipReason is null ? t.Name : $"{t.Name} (skipped: {t.SkipReason})");
            text.Append(CultureInfo.InvariantCulture, $"{wave[0].Wave}: {string.Join(", ", names)}\n");
        }

        return text.ToString();
    }
}
