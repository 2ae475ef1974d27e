using System.Threading.Channels;
using Serilog;

namespace Deploy.Prometheus;

/// <summary>
/// Pushes snapshots in the background, never more than one request at a time. A snapshot handed over while
/// another is being pushed waits, and replaces any older one still waiting: the newest state wins, and an
/// earlier state is never sent after a later one. Failures are retried with back-off within the timeout;
/// after <see cref="FailuresInARowBeforeGivingUp"/> in a row, or one the gateway would only repeat, the loop
/// stops trying for the rest of the run (the circuit opens) with a single warning.
/// </summary>
internal sealed partial class PushLoop : IDisposable
{
    /// <summary>Failed attempts in a row after which the run stops pushing.</summary>
    public const int FailuresInARowBeforeGivingUp = 3;

    /// <summary>The wait before the first retry; it doubles for each one after.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);

    private readonly PushClient _client;
    private readonly string _where;
    private readonly TimeSpan _timeout;
    private readonly ILogger _log;
    private readonly TimeProvider _time;

    // Capacity one, dropping the older item: a waiting snapshot is replaced by a newer one.
    private readonly Channel<PushJob> _jobs = Channel.CreateBounded<PushJob>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Task? _loop;
    private int _disposed;

    // Guarded by _lock: the loop writes them, the end of the run reads them.
    private int _pushes;
    private int _failuresInARow;
    private string? _lastError;
    private bool _circuitOpen;
    private bool _finalPushed;
    private bool _warned;

    public PushLoop(PushClient client, PushgatewaySettings settings, ILogger log, TimeProvider time)
    {
        _client = client;
        _where = settings.Endpoint.Display;
        _timeout = settings.Timeout;
        _log = log;
        _time = time;
    }

    /// <summary>
    /// Starts the loop before there is anything to push, so that loading and compiling the exposition code
    /// happens while the first target runs rather than at the end of a short run.
    /// </summary>
    public void Start() => EnsureStarted();

    /// <summary>Hands over the state after a target finished; returns at once.</summary>
    public void Submit(MetricsSnapshot snapshot)
    {
        _jobs.Writer.TryWrite(new PushJob(snapshot, IsFinal: false, _time.GetTimestamp()));
        EnsureStarted();
    }

    /// <summary>
    /// Hands over the end-of-run state and waits for it to be pushed: at most the timeout, retries included.
    /// A request still in flight then is abandoned. Never throws for a push that failed.
    /// </summary>
    /// <param name="snapshot">The state at the end of the run.</param>
    /// <param name="cancellationToken">Stops waiting at once (a second Ctrl+C).</param>
    public async Task<PushReport> FinishAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken)
    {
        _jobs.Writer.TryWrite(new PushJob(snapshot, IsFinal: true, _time.GetTimestamp()));
        _jobs.Writer.TryComplete();
        string? stoppedBecause = null;
        try
        {
            await EnsureStarted().WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            stoppedBecause = NoAnswer();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stoppedBecause = "the run was interrupted first";
        }
        finally
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        PushReport report;
        lock (_lock)
        {
            report = new PushReport(_where, _finalPushed, _pushes, _finalPushed ? null : stoppedBecause ?? _lastError ?? NoAnswer());
        }

        if (!report.FinalPushed)
        {
            WarnOnce("Metrics were not pushed to {Pushgateway:l} at the end of the run: {Error:l}. The build's result does not depend on them.", report.Error);
        }

        return report;
    }

    /// <summary>Stops the loop; a request in flight is cancelled.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Safe while the loop still winds down: a cancelled source's token stays readable after disposal.
            _stop.Cancel();
            _stop.Dispose();
        }
    }

    private Task EnsureStarted()
    {
        if (_loop is null)
        {
            // The loop outlives the call that starts it: it must not carry that caller's async-local state
            // (such as the engine's "current target" for log lines) into every push after.
            var restore = ExecutionContext.IsFlowSuppressed() ? (AsyncFlowControl?)null : ExecutionContext.SuppressFlow();
            try
            {
                _loop = Task.Run(RunAsync);
            }
            finally
            {
                restore?.Undo();
            }
        }

        return _loop;
    }

    private string NoAnswer() => $"no answer within {Durations.Format(_timeout)}";

    private void WarnOnce(string template, params object?[] values)
    {
        lock (_lock)
        {
            if (_warned)
            {
                return;
            }

            _warned = true;
        }

        _log.Warning(template, [_where, .. values]);
    }
}
