using Deploy.Git.Clone;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Git.Tests;

/// <summary>Transfer progress is logged at most once a second, per tenth of the work, and always at the end.</summary>
public sealed class ProgressReporterTests
{
    private readonly CapturedLog _log = new();
    private readonly FakeTimeProvider _time = new();

    private ProgressReporter Reporter() => new(_log.Logger, _time, "{Percent}% ({Done}/{Total}){Detail:l}");

    [Fact]
    public void A_quick_step_logs_only_its_total()
    {
        var reporter = Reporter();

        for (var done = 0; done <= 1000; done++)
        {
            reporter.Report(done, 1000);
        }

        Assert.Equal(["100% (1000/1000)"], _log.Messages);
    }

    [Fact]
    public void A_slow_step_logs_a_line_per_tenth_at_most_once_a_second()
    {
        var reporter = Reporter();

        for (var done = 0; done <= 1000; done++)
        {
            reporter.Report(done, 1000);
            _time.Advance(TimeSpan.FromMilliseconds(5));
        }

        // 5 s in all, a fifth each second: the first line after a second, then one a second, then the total.
        Assert.Equal(["20% (200/1000)", "40% (400/1000)", "60% (600/1000)", "80% (800/1000)", "100% (1000/1000)"], _log.Messages);
    }

    [Fact]
    public void A_very_slow_step_logs_each_tenth_once()
    {
        var reporter = Reporter();

        for (var done = 0; done <= 100; done++)
        {
            reporter.Report(done, 100);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["10% (10/100)", "20% (20/100)", "30% (30/100)", "40% (40/100)", "50% (50/100)", "60% (60/100)", "70% (70/100)", "80% (80/100)", "90% (90/100)", "100% (100/100)"], _log.Messages);
    }
}
