using Deploy.Build.Retries;

namespace Deploy.Build.Tests.Retries;

/// <summary>The one retry helper: back-off on the run's clock (a fake one here, so nothing waits), the caller's idea of transient, one log line per retry.</summary>
public sealed class RetryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TimerWatchingTimeProvider _time = new();
    private readonly CapturedLog _log = new();

    [Fact]
    public async Task Transient_failures_are_retried_after_doubling_waits_and_the_last_one_is_thrown()
    {
        var attempts = 0;
        var options = Options(retries: 3) with { Jitter = false };

        var run = Retry.RunAsync(options, _ => Task.FromException<int>(new TimeoutException($"no answer {++attempts}")));
        for (var retry = 1; retry <= 3; retry++)
        {
            var wait = TimeSpan.FromSeconds(1 << (retry - 1));
            await Poll.UntilAsync(() => _time.DueTimes.Count == retry, Deadline, $"wait {retry}");
            Assert.Equal(wait, _time.DueTimes[retry - 1]);
            Assert.Equal(wait, options.DelayBefore(retry));
            _time.Advance(wait);
        }

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => run.WaitAsync(Deadline));
        Assert.Equal("no answer 4", failure.Message);
        Assert.Equal(4, attempts);
        Assert.Equal(
            [
                "Could not reach the server (attempt 1 of 4): no answer 1; retrying in 1.0 s",
                "Could not reach the server (attempt 2 of 4): no answer 2; retrying in 2.0 s",
                "Could not reach the server (attempt 3 of 4): no answer 3; retrying in 4.0 s",
            ],
            _log.Warnings);
    }

    [Fact]
    public async Task A_failure_the_caller_does_not_call_transient_is_thrown_at_once()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Retry.RunAsync(Options(retries: 3), _ =>
        {
            attempts++;
            throw new InvalidOperationException("refused credentials");
        }));

        Assert.Equal(1, attempts);
        Assert.Empty(_log.Lines);
        Assert.Empty(_time.DueTimes);
    }

    [Fact]
    public async Task An_attempt_that_succeeds_ends_the_retries_with_its_result()
    {
        var attempts = 0;

        var run = Retry.RunAsync(Options(retries: 3), _ => ++attempts < 2 ? Task.FromException<string>(new TimeoutException("no answer")) : Task.FromResult("pushed"));
        await Poll.UntilAsync(() => _time.DueTimes.Count == 1, Deadline, "the wait");
        _time.Advance(_time.DueTimes[0]);

        Assert.Equal("pushed", await run.WaitAsync(Deadline));
        Assert.Equal(2, attempts);
        Assert.Single(_log.Warnings);
    }

    [Fact]
    public async Task Waits_are_spread_at_random_and_never_longer_than_the_cap()
    {
        var options = Options(retries: 6) with { MaxDelay = TimeSpan.FromSeconds(3) };

        var run = Retry.RunAsync(options, _ => Task.FromException<int>(new TimeoutException("no answer")));
        for (var i = 0; i < 6; i++)
        {
            await Poll.UntilAsync(() => _time.DueTimes.Count == i + 1, Deadline, $"wait {i + 1}");
            _time.Advance(_time.DueTimes[i]);
        }

        await Assert.ThrowsAsync<TimeoutException>(() => run.WaitAsync(Deadline));
        Assert.All(_time.DueTimes, wait => Assert.InRange(wait, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(3)));
        Assert.NotEqual(Enumerable.Range(1, 6).Select(options.DelayBefore), _time.DueTimes);
    }

    [Fact]
    public async Task The_first_retry_can_come_at_once()
    {
        var attempts = 0;
        var options = Options(retries: 2) with { Jitter = false, FirstRetryAtOnce = true };

        var run = Retry.RunAsync(options, _ => Task.FromException<int>(new TimeoutException($"dropped {++attempts}")));
        await Poll.UntilAsync(() => attempts == 2 && _time.DueTimes.Count == 1, Deadline, "the second attempt, at once, and the wait after it");
        Assert.Equal(TimeSpan.FromSeconds(2), _time.DueTimes[0]);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(2)], [options.DelayBefore(1), options.DelayBefore(2)]);
        _time.Advance(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<TimeoutException>(() => run.WaitAsync(Deadline));
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Cancelling_during_a_wait_throws_for_the_callers_token()
    {
        using var cancel = new CancellationTokenSource();

        var run = Retry.RunAsync(Options(retries: 3), _ => Task.FromException<int>(new TimeoutException("no answer")), cancel.Token);
        await Poll.UntilAsync(() => _time.DueTimes.Count == 1, Deadline, "the wait");
        await cancel.CancelAsync();

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Deadline));
        Assert.Equal(cancel.Token, exception.CancellationToken);
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_when_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Options(retries: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryOptions("reach the server", 1, TimeSpan.FromSeconds(-1), _ => true, _time, _log.Logger));
    }

    private RetryOptions Options(int retries) =>
        new("reach the server", retries, TimeSpan.FromSeconds(1), e => e is TimeoutException, _time, _log.Logger);
}
