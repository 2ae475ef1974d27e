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

    /// <summary>One snapshot: tries until it is pushed, the circuit opens, its time is up or a newer one is waiting.</summary>
    private async Task PushAsync(PushJob job, CancellationToken token)
    {
        var body = await Exposition.RenderAsync(job.Snapshot, token).ConfigureAwait(false);
        var budgetStart = job.IsFinal ? job.SubmittedAt : _time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var remaining = _timeout - _time.GetElapsedTime(budgetStart);
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            var result = await AttemptAsync(body, remaining, token).ConfigureAwait(false);
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

            if (RecordFailure(result))
            {
                return;
            }

            // Exponential back-off, without jitter: one client per build, so there is no herd to spread out.
            var backoff = FirstBackoff * Math.Pow(2, attempt - 1);
            if (_time.GetElapsedTime(budgetStart) + backoff >= _timeout || await NewerJobWithinAsync(backoff, token).ConfigureAwait(false))
            {
                return;
            }
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
            _log.Debug("Pushing metrics to {Pushgateway:l} failed ({Error:l}); trying again", _where, result.Error);
        }
        else if (result.Kind == PushResultKind.Rejected)
        {
            WarnOnce("The Pushgateway at {Pushgateway:l} rejected the metrics: {Error:l}. No more pushes in this run; the build's result does not depend on them.", result.Error);
        }
        else
        {
            WarnOnce("Pushing metrics to {Pushgateway:l} failed {Failures} times in a row (last: {Error:l}). No more pushes in this run; the build's result does not depend on them.", failures, result.Error);
        }

        return open;
    }

    /// <summary>Waits out a back-off; true, early, when a newer snapshot is waiting (it is pushed instead).</summary>
    private async Task<bool> NewerJobWithinAsync(TimeSpan backoff, CancellationToken token)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
        var delay = Task.Delay(backoff, _time, wait.Token);
        var newer = _jobs.Reader.WaitToReadAsync(wait.Token).AsTask();
        var first = await Task.WhenAny(delay, newer).ConfigureAwait(false);
        var newerWaits = first == newer && newer.IsCompletedSuccessfully && newer.Result;
        if (!newerWaits)
        {
            // Also when the channel was completed while empty (the final snapshot was taken already).
            await delay.ConfigureAwait(false);
        }

        await wait.CancelAsync().ConfigureAwait(false);
        return newerWaits;
    }

    private bool IsCircuitOpen()
    {
        lock (_lock)
        {
            return _circuitOpen;
        }
    }
}
