using Deploy.Build;
using Serilog;

namespace Deploy.Prometheus;

/// <summary>
/// Pushes the run's metrics: the timings so far after each target that ran (in the background), and the
/// whole run at its end, which the engine awaits for at most the timeout. Says in the summary whether the
/// metrics got through, and where.
/// </summary>
internal sealed class PushgatewayObserver : IRunObserver, IDisposable
{
    private readonly RunMetrics _metrics = new();
    private readonly HttpClient _http;
    private readonly PushLoop _loop;

    internal PushgatewayObserver(PushgatewaySettings settings, ILogger log, HttpMessageHandler handler, TimeProvider time)
    {
        // Time is bounded per attempt by the loop, with the run's TimeProvider, not by HttpClient's own timer.
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _loop = new PushLoop(new PushClient(_http, settings.Endpoint), settings, log, time);
    }

    /// <summary>How pushing went, once the run has finished (what the summary note says).</summary>
    internal PushReport? Report { get; private set; }

    public static PushgatewayObserver Create(PushgatewaySettings settings, ILogger log, TimeProvider time) =>
        new(settings, log, new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, time);

    public void RunStarted(RunStartedEvent run) => _loop.Start();

    public void TargetFinished(TargetFinishedEvent target)
    {
        if (_metrics.Add(target))
        {
            _loop.Submit(_metrics.Current);
        }
    }

    public async Task RunFinishedAsync(RunFinishedEvent run, CancellationToken cancellationToken)
    {
        try
        {
            Report = await _loop.FinishAsync(_metrics.Finish(run), cancellationToken).ConfigureAwait(false);
            run.AddSummaryNote(Report.SummaryNote);
        }
        finally
        {
            // The engine reads observers once per run and does not dispose them: the run's end is ours.
            Dispose();
        }
    }

    /// <summary>Stops pushing; a request in flight is abandoned.</summary>
    public void Dispose()
    {
        _loop.Dispose();
        _http.Dispose();
    }
}
