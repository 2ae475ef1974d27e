using Deploy.Build.Planning;
using Deploy.Build.Records;

namespace Deploy.Build.Fingerprints;

/// <summary>
/// What <c>--plan</c> says about each target that declares inputs: <c>up to date: inputs unchanged since …</c>, or
/// <c>runs: src/Program.cs changed</c> (the first changed input, <c>--force</c>, <c>no successful run recorded</c>).
/// It follows the plan's order as a run would: an up-to-date target's state is restored (in this process only), so
/// the targets after it see what they would see in the run. What a target that would run hands on is not known yet:
/// its last run's state stands in for it (so a directory it names resolves), and the targets that need it say it
/// "may hand on something new" when nothing of their own changed.
/// </summary>
internal static class UpToDateForecast
{
    public static async Task<IReadOnlyDictionary<string, string>> ComputeAsync(ExecutionPlan plan, Fingerprinter fingerprinter, OutputStore store, CancellationToken cancellationToken = default)
    {
        var passed = new Dictionary<PlannedTarget, string?>();
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var target in plan.Targets)
        {
            var spec = target.Spec;
            var needs = target.Needs.Select(n => (n.Name, Contribution: passed[n])).ToList();
            if (target.SkipReason is not null && !(target.FromPreviousRun && spec.Inputs.Count > 0))
            {
                passed[target] = target.FromPreviousRun ? null : Contributions.Skipped;
                continue;
            }

            if (spec.IsCollective || spec.Inputs.Count == 0)
            {
                store.RestoreLast(spec);
                // Runs every time: what it hands on is new, unless it hands on nothing but what it was given.
                passed[target] = spec.IsCollective || spec.HandedOn.Count == 0
                    ? Contributions.Succeeded(null, CapturedOutputs.None.Digest, needs.Select(n => n.Contribution))
                    : null;
                continue;
            }

            Fingerprint fingerprint;
            try
            {
                fingerprint = await fingerprinter.ComputeAsync(spec, needs, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                notes[target.Name] = $"runs: its inputs cannot be read before the targets it needs ran ({exception.Message})";
                passed[target] = null;
                continue;
            }

            var check = target.Forced ? UpToDateCheck.Runs("--force") : store.Check(spec, fingerprint);
            if (check.IsUpToDate)
            {
                notes[target.Name] = "up to date: " + check.Reason;
                passed[target] = Contributions.Succeeded(fingerprint.Key, check.HandsOn!, []);
            }
            else
            {
                store.RestoreLast(spec);
                notes[target.Name] = "runs: " + check.Reason;
                passed[target] = spec.HandedOn.Count == 0 && fingerprint.Key is not null
                    ? Contributions.Succeeded(fingerprint.Key, CapturedOutputs.None.Digest, [])
                    : null;
            }
        }

        return notes;
    }
}
