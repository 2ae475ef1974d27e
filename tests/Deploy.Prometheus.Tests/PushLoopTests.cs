using System.Net;
using Deploy.Build;
using Deploy.Prometheus.Tests.Support;
using Deploy.Testing;

namespace Deploy.Prometheus.Tests;

/// <summary>Pushing in the background: one request at a time, the newest state first, bounded retries. Gates and a fake clock, no sleeps.</summary>
public sealed class PushLoopTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly Uri Gateway = new("http://gateway.invalid:9091");

    [Fact]
    public async Task Only_one_push_is_in_flight_and_the_newest_state_wins()
    {
        var firstAnswer = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedHandler((n, _) => n == 1 ? firstAnswer.Task : Task.FromResult(ScriptedHandler.Answer(HttpStatusCode.OK)));
        var log = new CapturedLog();
        using var observer = new PushgatewayObserver(Settings(), log.Logger, handler, TimeProvider.System);

        observer.RunStarted(new RunStartedEvent(Runs.Start, ["A", "B", "C"], 1));
        observer.TargetFinished(Runs.Target("A", TargetStatus.Succeeded, 1));
        await Poll.UntilAsync(() => handler.Count == 1, Deadline, "the first push to be sent");
        observer.TargetFinished(Runs.Target("B", TargetStatus.Succeeded, 2));
        observer.TargetFinished(Runs.Target("C", TargetStatus.Succeeded, 3));
        firstAnswer.SetResult(ScriptedHandler.Answer(HttpStatusCode.OK));
        await Poll.UntilAsync(() => handler.Count == 2, Deadline, "the second push to be sent");

        var run = Runs.Finished(RunResult.Succeeded, 6, Runs.Target("A", TargetStatus.Succeeded, 1), Runs.Target("B", TargetStatus.Succeeded, 2), Runs.Target("C", TargetStatus.Succeeded, 3));
        await observer.RunFinishedAsync(run, CancellationToken.None);

        // The state after B alone was never sent: the state after C replaced it while A's push was in flight.
        Assert.Equal(3, handler.Count);
        Assert.Equal(1, handler.MaxInFlight);
        Assert.Contains("stage=\"C\"", handler.Bodies[1], StringComparison.Ordinal);
        Assert.Contains("stage=\"B\"", handler.Bodies[1], StringComparison.Ordinal);
        Assert.Contains(MetricNames.LastSuccess, handler.Bodies[2], StringComparison.Ordinal);
        Assert.True(observer.Report?.FinalPushed);
        Assert.Empty(log.Warnings);
    }

    [Fact]
    public async Task Failures_are_retried_with_doubling_back_off_then_given_up_with_one_warning()
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(ScriptedHandler.Answer(HttpStatusCode.ServiceUnavailable, "overloaded, try later")));
        var time = new TimerWatchingTimeProvider();
        var log = new CapturedLog();
        using var observer = new PushgatewayObserver(Settings(), log.Logger, handler, time);

        observer.RunStarted(new RunStartedEvent(Runs.Start, ["A", "B"], 1));
        observer.TargetFinished(Runs.Target("A", TargetStatus.Succeeded, 1));
        await Poll.UntilAsync(() => time.DueTimes.Contains(TimeSpan.FromMilliseconds(200)), Deadline, "the first back-off (200 ms) to start");
        Assert.Equal(1, handler.Count);
        time.Advance(TimeSpan.FromMilliseconds(200));
        await Poll.UntilAsync(() => time.DueTimes.Contains(TimeSpan.FromMilliseconds(400)), Deadline, "the second back-off (400 ms) to start");
        Assert.Equal(2, handler.Count);
        time.Advance(TimeSpan.FromMilliseconds(400));
        await Poll.UntilAsync(() => log.Warnings.Count == 1, Deadline, "the warning that pushing stopped");

        observer.TargetFinished(Runs.Target("B", TargetStatus.Succeeded, 1));
        await observer.RunFinishedAsync(Runs.Finished(RunResult.Succeeded, 2, Runs.Target("A", TargetStatus.Succeeded, 1), Runs.Target("B", TargetStatus.Succeeded, 1)), CancellationToken.None);

        Assert.Equal(3, handler.Count);
        var warning = Assert.Single(log.Warnings);
        Assert.Contains("failed 3 times in a row (last: 503 Service Unavailable: overloaded, try later)", warning, StringComparison.Ordinal);
        Assert.False(observer.Report?.FinalPushed);
        Assert.Equal("Metrics not pushed to http://gateway.invalid:9091/metrics/job/deploy: 503 Service Unavailable: overloaded, try later.", observer.Report?.SummaryNote);
    }

    [Fact]
    public async Task A_final_push_without_an_answer_is_abandoned_at_the_timeout()
    {
        var handler = new ScriptedHandler((_, ct) => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => ScriptedHandler.Answer(HttpStatusCode.OK), TaskScheduler.Default));
        var time = new TimerWatchingTimeProvider();
        var log = new CapturedLog();
        using var observer = new PushgatewayObserver(Settings(TimeSpan.FromSeconds(5)), log.Logger, handler, time);
        var run = Runs.Finished(RunResult.Succeeded, 1, Runs.Target("A", TargetStatus.Succeeded, 1));

        var finishing = observer.RunFinishedAsync(run, CancellationToken.None);
        await Poll.UntilAsync(() => handler.Count == 1 && time.DueTimes.Count(d => d == TimeSpan.FromSeconds(5)) >= 2, Deadline, "the final push and its timers");
        Assert.False(finishing.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        await finishing.WaitAsync(Deadline);

        Assert.Equal("Metrics not pushed to http://gateway.invalid:9091/metrics/job/deploy: no answer within 5s.", observer.Report?.SummaryNote);
        Assert.Contains("no answer within 5s", Assert.Single(log.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_push_is_not_repeated()
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(ScriptedHandler.Answer(HttpStatusCode.NotFound, "404 page not found")));
        var log = new CapturedLog();
        using var observer = new PushgatewayObserver(Settings(), log.Logger, handler, TimeProvider.System);

        await Runs.PlayAsync(observer, Runs.Finished(RunResult.Succeeded, 2, Runs.Target("A", TargetStatus.Succeeded, 1), Runs.Target("B", TargetStatus.Succeeded, 1)));

        Assert.Equal(1, handler.Count);
        Assert.Contains("rejected the metrics: 404 Not Found: 404 page not found", Assert.Single(log.Warnings), StringComparison.Ordinal);
    }

    private static PushgatewaySettings Settings(TimeSpan? timeout = null) => PushgatewaySettings.Create(Gateway, "deploy", [], timeout ?? TimeSpan.FromSeconds(5));
}
