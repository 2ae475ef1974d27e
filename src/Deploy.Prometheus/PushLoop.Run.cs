using Deploy.Build.Retries;
using Serilog.Events;

namespace Deploy.Prometheus;

internal sealed partial class PushLoop
{
    private async Task RunAsync()
    {
        var token = _stop.Token;
        try
        {
            // Warm-up (see Start): the first rendering costs far more than any later one.
            await Exposition.RenderAsync(MetricsSnapshot.Empty, token).ConfigureAwait(false);
            while (await _jobs.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                if (_jobs.Reader.TryRead(out var job) && !IsCircuitOpen())
                {
                    await PushAsync(job, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The run ended and its wait for the final push ran out.
        }
#pragma warning disable CA1031 // Metrics must never break the build: a fault here costs the metrics, not the run.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            lock (_lock)
            {
                _lastError = exception.Message;
                _circuitOpen = true;
            }

            _log.Debug(exception, "Pushing metrics to {Pushgateway:l} stopped", _where);
        }
    }

    /// <summary>
    /// One snapshot: tried until it is pushed, the circuit opens, its time is up (the next back-off would end after
    /// it) or a newer one is waiting (that one is pushed instead; a retry never sends the older state after the wait).
    /// </summary>
    private async Task PushAsync(PushJob job, CancellationToken token)
    {
        var body = await Exposition.RenderAsync(job.Snapshot, token).ConfigureAwait(false);
        var budgetStart = job.IsFinal ? job.SubmittedAt : _time.GetTimestamp();

        // Without jitter: one client per build, so there is no herd to spread out, and the waits are what DelayBefore says.
        var retry = new RetryOptions($"push metrics to {_where}", FailuresInARowBeforeGivingUp - 1, FirstBackoff, e => e is PushAttemptFailed { Retry: true }, _time, _log)
        {
            Jitter = false,
            Level = LogEventLevel.Debug,
        };
        var attempt = 0;
        try
        {
            await Retry.RunAsync(
                retry,
                async attemptToken =>
                {
                    var remaining = _timeout - _time.GetElapsedTime(budgetStart);
                    if ((++attempt > 1 && _jobs.Reader.Count > 0) || remaining <= TimeSpan.Zero)
                    {
                        return;
                    }

                    var result = await AttemptAsync(body, remaining, attemptToken).ConfigureAwait(false);
                    if (result.Kind == PushResultKind.Pushed)
                    {
                        lock (_lock)
                        {
                            _pushes++;
                            _failuresInARow = 0;
                            _finalPushed |= job.IsFinal;
                        }

                        _log.Debug("Pushed metrics to {Pushgateway:l}", _where);
                        return;
                    }

                    var open = RecordFailure(result);
                    var timeLeft = _time.GetElapsedTime(budgetStart) + retry.DelayBefore(attempt) < _timeout;
                    throw new PushAttemptFailed(result.Error ?? NoAnswer(), retry: !open && timeLeft && _jobs.Reader.Count == 0);
                },
                token).ConfigureAwait(false);
        }
        catch (PushAttemptFailed)
        {
            // Given up on this snapshot: RecordFailure warned when that opened the circuit.
        }
    }

    private async Task<PushResult> AttemptAsync(byte[] body, TimeSpan remaining, CancellationToken token)
    {
        using var timeout = new CancellationTokenSource(remaining, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
        try
        {
            return await _client.PostAsync(body, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !token.IsCancellationRequested)
        {
            return PushResult.Failed(NoAnswer());
        }
    }

    /// <summary>Counts a failed attempt; true when that opened the circuit (and warned, once).</summary>
    private bool RecordFailure(PushResult result)
    {
        int failures;
        bool open;
        lock (_lock)
        {
            _lastError = result.Error;
            failures = ++_failuresInARow;
            open = _circuitOpen = result.Kind == PushResultKind.Rejected || failures >= FailuresInARowBeforeGivingUp;
        }

        if (!open)
        {
            return false;
        }

        if (result.Kind == PushResultKind.Rejected)
        {
            WarnOnce("The Pushgateway at {Pushgateway:l} rejected the metrics: {Error:l}. No more pushes in this run; the build's result does not depend on them.", result.Error);
        }
        else
        {
            WarnOnce("Pushing metrics to {Pushgateway:l} failed {Failures} times in a row (last: {Error:l}). No more pushes in this run; the build's result does not depend on them.", failures, result.Error);
        }

        return open;
    }

    /// <summary>A failed attempt, and whether it is worth another one.</summary>
    private sealed class PushAttemptFailed(string message, bool retry) : Exception(message)
    {
        public bool Retry { get; } = retry;
    }

    private bool IsCircuitOpen()
    {
        lock (_lock)
        {
            return _circuitOpen;
        }
    }
}
