using Deploy.Build.Fingerprints;
using Deploy.Build.Logging;
using Deploy.Build.Planning;
using Deploy.Build.Records;

namespace Deploy.Build.Execution;

internal sealed partial class Executor
{
    /// <summary>
    /// The target's fingerprint, taken just before it would start (after everything it needs finished); null when it
    /// declares no inputs, or they cannot be read (a warning: it runs, as a target without inputs does).
    /// </summary>
    private async Task<Fingerprint?> FingerprintAsync(PlannedTarget target, TargetOutcome outcome, CancellationToken cancellationToken)
    {
        if (_services.Fingerprints is not { } fingerprints || _services.Outputs is null || target.Spec.Inputs.Count == 0)
        {
            return null;
        }

        var needs = target.Needs.Select(n => (n.Name, _outcomes[n.Order].Contribution)).ToList();
        try
        {
            var fingerprint = await fingerprints.ComputeAsync(target.Spec, needs, cancellationToken).ConfigureAwait(false);
            outcome.Fingerprint = fingerprint.Key;
            if (fingerprint.Key is { } key)
            {
                _services.Taken?.TryAdd(target.Name, key);
            }
            return fingerprint;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log(target).Warning("The inputs of {TargetName} could not be read, so it runs: {Message}", target.Name, exception.Message);
            return null;
        }
    }

    /// <summary>
    /// Whether the target is up to date: not forced, and its record holds this fingerprint and what it handed on then
    /// (now restored). Otherwise the log says why it runs.
    /// </summary>
    private bool IsUpToDate(PlannedTarget target, TargetOutcome outcome, Fingerprint fingerprint)
    {
        var check = target.Forced ? UpToDateCheck.Runs("--force") : _services.Outputs!.Check(target.Spec, fingerprint);
        if (!check.IsUpToDate)
        {
            Log(target).Information("{TargetName} runs: {Reason}", target.Name, check.Reason);
            return false;
        }

        outcome.Ran = false;
        outcome.Reason = check.Reason;
        outcome.Contribution = Contributions.Succeeded(fingerprint.Key, check.HandsOn!, []);
        try
        {
            CollectOutputs(target, outcome);
        }
        catch (Exception exception)
        {
            // The state is back; only the run record's copy of it is missing.
            Log(target).Debug(exception, "The outputs of {TargetName} could not be read after restoring it", target.Name);
        }

        return true;
    }

    /// <summary>
    /// The fingerprint to record for a target that ran: the one taken before it started, when its files still match
    /// it now. A file it reads that changed while it ran (an edit, or the target writing its own inputs) records none,
    /// with a warning: what it made may not be what those files give, so it runs again next time.
    /// </summary>
    private Fingerprint? Verified(PlannedTarget target, Fingerprint? before)
    {
        if (before?.Key is null)
        {
            return null;
        }

        try
        {
            var after = _services.Fingerprints!.Refresh(target.Spec, before);
            if (after.Key == before.Key)
            {
                return before;
            }

            Log(target).Warning("The inputs of {TargetName} changed while it ran ({Change}), so no fingerprint is recorded and it runs again next time", target.Name, FingerprintChanges.Describe(after, before));
        }
        catch (Exception exception)
        {
            Log(target).Warning("The inputs of {TargetName} could not be read again after it ran, so no fingerprint is recorded: {Message}", target.Name, exception.Message);
        }

        return null;
    }

    /// <summary>
    /// Whether what an up-to-date target restored is still there (<see cref="ITargetDefinition.StillValid"/>); when a
    /// check says it is not, the log says why, and the target runs as if it had never been up to date.
    /// </summary>
    private async Task<bool> StillValidAsync(PlannedTarget target, TargetOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var check in target.Spec.Revalidations)
        {
            if (await check(cancellationToken).ConfigureAwait(false) is { } reason)
            {
                Log(target).Information("{TargetName} runs: {Reason}", target.Name, reason);
                outcome.Ran = true;
                outcome.Reason = null;
                outcome.Contribution = null;
                outcome.Outputs.Clear();
                return false;
            }
        }

        return true;
    }

    /// <summary>What the targets <paramref name="target"/> needs passed on, in plan order.</summary>
    private List<string?> NeedsPassed(PlannedTarget target) => target.Needs.Select(n => _outcomes[n.Order].Contribution).ToList();

    /// <summary>What a target that did not run passes on, as it settles: nothing a later fingerprint has seen, unless it was skipped or only groups others.</summary>
    private void SettleContribution(PlannedTarget target, TargetOutcome outcome) => outcome.Contribution ??= outcome.Status switch
    {
        TargetStatus.Skipped => Contributions.Skipped,
        TargetStatus.Collective => Contributions.Succeeded(null, CapturedOutputs.None.Digest, NeedsPassed(target)),
        _ => Contributions.Unknown(),
    } ?? Contributions.Unknown();

    private Serilog.ILogger Log(PlannedTarget target) => _services.Log.ForContext(TargetScope.PropertyName, target.Name);

    /// <summary>The content hashes learnt in this run, for the next one.</summary>
    private async Task SaveHashesAsync()
    {
        if (_services.Fingerprints is { } fingerprints)
        {
            await fingerprints.Hashes.SaveAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
