using Deploy.Build.Cli;
using Deploy.Build.Execution;

namespace Deploy.Build.Tests.Output;

public sealed class SummaryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);

    /// <summary>A target that ran: its start offset and duration in milliseconds.</summary>
    private static TargetFinishedEvent Ran(string name, TargetStatus status, int start, int duration, string? error = null, string? reason = null) =>
        new(name, status, Start.AddMilliseconds(start), Start.AddMilliseconds(start + duration), TimeSpan.FromMilliseconds(duration), reason, error, new Dictionary<string, string>());

    private static TargetFinishedEvent NotStarted(string name, TargetStatus status, string reason) =>
        new(name, status, null, null, TimeSpan.Zero, reason, null, new Dictionary<string, string>());

    private static RunOutcome Run(RunResult result, int wallMilliseconds) =>
        new(result, Start, Start.AddMilliseconds(wallMilliseconds), TimeSpan.FromMilliseconds(wallMilliseconds), []);

    /// <summary>The stock pipeline, failed in Test while Image ran beside it.</summary>
    private static readonly TargetFinishedEvent[] FailedPipeline =
    [
        Ran("Clone", TargetStatus.Succeeded, 0, 1230),
        NotStarted("Lint", TargetStatus.Skipped, "--skip"),
        Ran("Restore", TargetStatus.Succeeded, 1250, 4500),
        Ran("Compile", TargetStatus.Succeeded, 5760, 12340),
        Ran("Test", TargetStatus.Failed, 18110, 61500, error: "3 of 120 tests failed:\n  OrderTests.Totals_include_tax\n  OrderTests.Refunds_are_negative\n  CartTests.Empty_cart_costs_nothing"),
        Ran("Image", TargetStatus.Aborted, 18110, 61520, reason: "stopped after a failure elsewhere"),
        NotStarted("Push", TargetStatus.NotRun, "Image was aborted"),
        NotStarted("Rollout", TargetStatus.NotRun, "Test failed"),
        Ran("Notify", TargetStatus.Succeeded, 79650, 420),
        Ran("Release", TargetStatus.Collective, 80070, 0),
    ];

    /// <summary>The stock pipeline's prerequisites; Notify is triggered by Rollout, Release groups Notify.</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> Prerequisites = new()
    {
        ["Clone"] = [],
        ["Lint"] = [],
        ["Restore"] = ["Clone"],
        ["Compile"] = ["Restore"],
        ["Test"] = ["Compile"],
        ["Image"] = ["Compile"],
        ["Push"] = ["Image"],
        ["Rollout"] = ["Test", "Push"],
        ["Notify"] = ["Rollout"],
        ["Release"] = ["Notify"],
    };

    [Fact]
    public void The_summary_of_a_failed_run_reads_as_approved()
    {
        var path = CriticalPath.Find(FailedPipeline, Prerequisites, parallelism: 2);

        var text = SummaryWriter.Render(Run(RunResult.Failed, 80100), FailedPipeline, ["Metrics pushed to http://127.0.0.1:9091/metrics/job/deploy"], path);

        Approval.Verify(text, "Summary");
    }

    [Fact]
    public void A_run_that_gained_nothing_from_parallelism_does_not_claim_a_speedup()
    {
        var targets = new[] { Ran("Clone", TargetStatus.Succeeded, 0, 1000), Ran("Compile", TargetStatus.Succeeded, 1000, 2000) };

        var text = SummaryWriter.Render(Run(RunResult.Succeeded, 3050), targets, []);

        var lines = text.Split('\n');
        Assert.Equal("Wall time 0:03.05, sum of target durations 0:03.00", lines[^3]);
        Assert.Equal("Build succeeded.", lines[^2]);
    }

    [Fact]
    public void Every_failed_target_is_named_in_the_last_line()
    {
        var targets = new[]
        {
            Ran("Lint", TargetStatus.Failed, 0, 1000, error: "style"),
            Ran("Test", TargetStatus.Failed, 0, 2000, error: "3 failed"),
            Ran("Image", TargetStatus.Aborted, 0, 2000, reason: "stopped after a failure elsewhere"),
        };

        var text = SummaryWriter.Render(Run(RunResult.Failed, 2000), targets, []);

        Assert.EndsWith("\nBuild failed: Lint, Test.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_run_ends_with_build_cancelled()
    {
        var targets = new[] { Ran("Rollout", TargetStatus.Aborted, 0, 500, reason: "cancelled") };

        var text = SummaryWriter.Render(Run(RunResult.Cancelled, 600), targets, []);

        Assert.Matches(@"(?m)^Rollout +Aborted +0:00\.50 +\+0:00\.00  cancelled$", text);
        Assert.EndsWith("\nBuild cancelled.\n", text, StringComparison.Ordinal);
    }
}
