using System.Net;
using System.Text;
using Deploy.Build;
using Deploy.Prometheus.Tests.Support;
using Deploy.Testing;

namespace Deploy.Prometheus.Tests;

/// <summary>A gateway that is down, hung or unhappy costs a warning and at most one timeout; never the build. Timeouts and back-off on a fake clock.</summary>
public sealed class FailingGatewayTests
{
    /// <summary>How long a test waits (on the real clock) for what the fake clock set off; only a hang reaches it.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly CapturedLog _log = new();

    private static RunFinishedEvent Run => Runs.Finished(
        RunResult.Succeeded,
        3,
        Runs.Target("Clone", TargetStatus.Succeeded, 1),
        Runs.Target("Build", TargetStatus.Succeeded, 1),
        Runs.Target("Test", TargetStatus.Succeeded, 1));

    [Fact]
    public async Task A_gateway_that_is_not_listening_costs_one_warning_and_no_timeout()
    {
        var timeout = TimeSpan.FromSeconds(10);
        var time = new TimerWatchingTimeProvider();
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        using var observer = Observers.For(closed, "deploy", _log, time, timeout);
        var started = time.GetTimestamp();

        observer.RunStarted(new RunStartedEvent(Runs.Start, ["Clone", "Build", "Test"], 1));
        var finishing = observer.RunFinishedAsync(Run, CancellationToken.None);
        await Poll.UntilAsync(() => time.DueTimes.Contains(PushLoop.FirstBackoff), Deadline, "the first back-off");
        time.Advance(PushLoop.FirstBackoff);
        await Poll.UntilAsync(() => time.DueTimes.Contains(PushLoop.FirstBackoff * 2), Deadline, "the second back-off");
        time.Advance(PushLoop.FirstBackoff * 2);
        await finishing.WaitAsync(Deadline);

        // Three quick refusals, 200 and 400 ms apart, open the circuit: the run ends 600 ms on, long before the timeout.
        Assert.Equal(TimeSpan.FromMilliseconds(600), time.GetElapsedTime(started));
        Assert.Equal([PushLoop.FirstBackoff, PushLoop.FirstBackoff * 2], time.DueTimes.Where(d => d < timeout / 2));
        var warning = Assert.Single(_log.Warnings);
        Assert.Contains("failed 3 times in a row", warning, StringComparison.Ordinal);
        Assert.Contains("Connection refused", warning, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"Metrics not pushed to {closed.AbsoluteUri}metrics/job/deploy: ", observer.Report?.SummaryNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_that_never_answers_costs_at_most_one_timeout()
    {
        var timeout = TimeSpan.FromSeconds(1);
        var time = new TimerWatchingTimeProvider();
        using var silent = new SilentServer();
        using var observer = Observers.For(silent.Url, "deploy", _log, time, timeout);
        observer.RunStarted(new RunStartedEvent(Runs.Start, ["Clone", "Build", "Test"], 1));
        foreach (var target in Run.Targets)
        {
            observer.TargetFinished(target);
        }

        var finishing = observer.RunFinishedAsync(Run, CancellationToken.None);
        await Poll.UntilAsync(() => silent.Connections >= 1 && time.DueTimes.Count(d => d == timeout) >= 2, Deadline, "a push in flight and the end of the run waiting on it");
        Assert.False(finishing.IsCompleted);
        time.Advance(timeout);
        await finishing.WaitAsync(Deadline);

        Assert.Contains("no answer within 1s", Assert.Single(_log.Warnings), StringComparison.Ordinal);
        Assert.Equal($"Metrics not pushed to {silent.Url.AbsoluteUri}metrics/job/deploy: no answer within 1s.", observer.Report?.SummaryNote);
    }

    [Fact]
    public async Task A_gateway_answering_400_gets_one_warning_that_quotes_its_message()
    {
        const string Explanation = "pushed metrics are invalid or inconsistent with existing metrics: collected metric deploy_stage_duration_seconds has help \"x\" but should have \"y\"";
        using var unhappy = new CannedHttpServer(HttpStatusCode.BadRequest, Explanation + "\n");
        using var observer = Observers.For(unhappy.Url, "deploy", _log);

        await Runs.PlayAsync(observer, Run);

        var warning = Assert.Single(_log.Warnings);
        Assert.Contains($"rejected the metrics: 400 Bad Request: {Explanation}.", warning, StringComparison.Ordinal);
        Assert.Single(unhappy.Requests);
        Assert.False(observer.Report?.FinalPushed);
    }

    [Fact]
    public async Task Credentials_in_the_url_are_sent_but_never_shown()
    {
        using var server = new CannedHttpServer(HttpStatusCode.OK, "");
        var url = new UriBuilder(server.Url) { UserName = "ci", Password = "hunter2@x" }.Uri;
        using var observer = Observers.For(url, "deploy", _log);

        await Runs.PlayAsync(observer, Run);

        var push = server.Requests[^1];
        Assert.Equal("POST", push.Method);
        Assert.Equal("/metrics/job/deploy", push.Target);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ci:hunter2@x")), push.Headers["authorization"]);
        Assert.StartsWith("text/plain; version=0.0.4", push.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal($"Metrics pushed to http://***@127.0.0.1:{server.Url.Port}/metrics/job/deploy.", observer.Report?.SummaryNote);
        Assert.All(_log.Lines, line => Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal));
        Assert.Contains(_log.Lines, line => line.Contains("***@127.0.0.1", StringComparison.Ordinal));
    }
}
