using Deploy.Build.Planning;

namespace Deploy.Build.Execution;

internal sealed partial class Executor
{
    private void Start(PlannedTarget target)
    {
        var source = new CancellationTokenSource();
        _running[target] = source;
        var outcome = _outcomes[target.Order];
        outcome.StartedAt = _services.Time.GetUtcNow();
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

    private async Task RunTargetAsync(PlannedTarget target, TargetOutcome outcome, CancellationToken cancellationToken)
    {
        var log = _services.Log;
        var started = _services.Time.GetTimestamp();
        log.Debug("Starting {TargetName}", target.Name);
        try
        {
            foreach (var action in target.Spec.Actions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await action(cancellationToken).ConfigureAwait(false);
            }

            // All outputs or none: a Produces that throws fails the target without leaving half of them behind.
            var outputs = target.Spec.Outputs
                .Select(o => (o.Name, Value: o.Value()))
                .Where(o => o.Value is not null)
                .ToList();
            foreach (var (name, value) in outputs)
            {
                outcome.Outputs[name] = _services.Masker.Apply(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)) ?? "";
            }

            outcome.Status = TargetStatus.Succeeded;
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

        if (outcome.Status == TargetStatus.Succeeded)
        {
            // Marked: a live view shows its own line for it (Logging.LineSink.StatusLine).
            log.ForContext(Logging.LineSink.StatusLine, true).Information("{TargetName} succeeded in {Duration}", target.Name, Formatting.Duration(outcome.Duration));
        }
    }
}
