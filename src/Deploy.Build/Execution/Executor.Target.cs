using Deploy.Build.Fingerprints;
using Deploy.Build.Planning;
using Deploy.Build.Records;

namespace Deploy.Build.Execution;

internal sealed partial class Executor
{
    // The longest delay a timer takes (uint.MaxValue - 1 ms, about 49 days); a longer timeout is no limit.
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private void Start(PlannedTarget target)
    {
        var source = new CancellationTokenSource();
        _running[target] = source;
        var outcome = _outcomes[target.Order];
        outcome.StartedAt = _services.Time.GetUtcNow();
        outcome.Ran = true;
        Notify(o => o.TargetStarted(new TargetStartedEvent(target.Name, outcome.StartedAt.Value)));

        // Task.Run: a synchronous action (or an async one that blocks before its first await) must not hold
        // up the scheduling loop. The target's name flows into everything it awaits through the scope, and its
        // span through Activity.Current (started here, inside the target's flow; the loop ends it).
        var token = source.Token;
        var startedAt = outcome.StartedAt.Value;
        var run = _run;
        _ = Task.Run(async () =>
        {
            _services.Scope.Current = target.Name;
            var span = RunTracing.StartTarget(run, target.Name, startedAt);
            await RunTargetAsync(target, outcome, token).ConfigureAwait(false);
            _messages.Writer.TryWrite(new Message(target, span));
        }, CancellationToken.None);
    }

    /// <param name="target">The target to run.</param>
    /// <param name="outcome">Where its outcome goes.</param>
    /// <param name="abort">Cancelled when the run stops (a failure elsewhere, Ctrl+C): the target is then aborted.</param>
    private async Task RunTargetAsync(PlannedTarget target, TargetOutcome outcome, CancellationToken abort)
    {
        var log = _services.Log;
        var started = _services.Time.GetTimestamp();
        var limit = target.Spec.Timeout is { } timeout && timeout <= LongestTimeout ? timeout : (TimeSpan?)null;
        using var timer = limit is { } delay ? new CancellationTokenSource(delay, _services.Time) : null;
        using var linked = timer is null ? null : CancellationTokenSource.CreateLinkedTokenSource(abort, timer.Token);
        var cancellationToken = linked?.Token ?? abort;
        CapturedOutputs? handedOn = null;
        Fingerprint? fingerprint = null;
        log.Debug("Starting {TargetName}", target.Name);
        try
        {
            fingerprint = await FingerprintAsync(target, outcome, cancellationToken).ConfigureAwait(false);
            if (fingerprint is not null && IsUpToDate(target, outcome, fingerprint) && await StillValidAsync(target, outcome, cancellationToken).ConfigureAwait(false))
            {
                outcome.Status = TargetStatus.UpToDate;
            }
            else
            {
                _services.Outputs?.Forget(target.Name);
                foreach (var action in target.Spec.Actions)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await action(cancellationToken).ConfigureAwait(false);
                }

                CollectOutputs(target, outcome);
                if (_services.Outputs is { } store && (target.Spec.HandedOn.Count > 0 || fingerprint is not null))
                {
                    handedOn = store.Capture(target.Spec);
                }

                outcome.Status = TargetStatus.Succeeded;
            }
        }
        catch (Exception exception) when (timer?.IsCancellationRequested == true && !abort.IsCancellationRequested)
        {
            outcome.Status = TargetStatus.Failed;
            outcome.Error = new TargetTimeoutException(target.Name, limit!.Value, exception);
            log.Error("{TargetName} failed: {Message}", target.Name, outcome.Error.Message);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested)
        {
            outcome.Status = TargetStatus.Aborted;
            log.Debug(exception, "{TargetName} stopped", target.Name);
        }
        catch (Exception exception)
        {
            outcome.Status = TargetStatus.Failed;
            outcome.Error = exception;
            log.Error(exception, "{TargetName} failed: {Message}", target.Name, exception.Message);
        }
        finally
        {
            outcome.Duration = _services.Time.GetElapsedTime(started);
            outcome.FinishedAt = _services.Time.GetUtcNow();
        }

        if (outcome.Status == TargetStatus.UpToDate)
        {
            log.ForContext(Logging.LineSink.StatusLine, true).Information("{TargetName} is up to date: {Reason}", target.Name, outcome.Reason);
        }
        else if (outcome.Status == TargetStatus.Succeeded)
        {
            outcome.Contribution = Contributions.Succeeded(fingerprint?.Key, (handedOn ?? CapturedOutputs.None).Digest, NeedsPassed(target));
            if (handedOn is not null)
            {
                var record = _services.Outputs!.Render(target.Spec, handedOn, outcome.FinishedAt!.Value, Verified(target, fingerprint));
                if (await _services.Outputs.SaveAsync(target.Name, record, CancellationToken.None).ConfigureAwait(false) is { } problem)
                {
                    log.Warning("What {TargetName} hands on was not stored, so --continue will run it again: {Problem}", target.Name, problem);
                }
            }

            // Marked: a live view shows its own line for it (Logging.LineSink.StatusLine).
            log.ForContext(Logging.LineSink.StatusLine, true).Information("{TargetName} succeeded in {Duration}", target.Name, Formatting.Duration(outcome.Duration));
        }
    }

    /// <summary>The run record's outputs (<c>Produces</c>): all or none, so one that throws leaves none of them behind.</summary>
    private void CollectOutputs(PlannedTarget target, TargetOutcome outcome)
    {
        var outputs = target.Spec.Outputs
            .Select(o => (o.Name, Value: o.Value()))
            .Where(o => o.Value is not null)
            .ToList();
        foreach (var (name, value) in outputs)
        {
            outcome.Outputs[name] = _services.Masker.Apply(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)) ?? "";
        }
    }
}
