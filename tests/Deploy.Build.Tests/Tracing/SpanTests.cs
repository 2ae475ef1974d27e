using System.Diagnostics;
using Deploy.Build.Tests.Execution;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Tracing;

/// <summary>The run as spans of the engine's ActivitySource: one for the run (named after the invoked targets, in plan order), one per planned target.</summary>
public sealed class SpanTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);
    private static readonly string[] Planned = ["Clone", "Lint", "Compile", "Pack"];
    private readonly SpanRecorder _spans = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly BuildDriver _driver;

    public SpanTests() => _driver = new BuildDriver { Time = _clock };

    /// <summary>Clone → Compile (fails) → Pack, and Lint (statically skipped); the clock moves as the targets run.</summary>
    private sealed class Traced(FakeTimeProvider clock) : DeployBuild
    {
        public ActivityTraceId TraceId { get; private set; }
        public ActivitySpanId? CloneSpan { get; private set; }
        public ActivitySpanId? CloneSpanAfterAwait { get; private set; }

        Target Clone => _ => _
            .Produces("commit", () => "4f2a9c1")
            .Produces("ref", () => "refs/heads/main")
            .Executes(async () =>
            {
                TraceId = Activity.Current!.TraceId;
                CloneSpan = Activity.Current.SpanId;
                clock.Advance(TimeSpan.FromSeconds(2));
                await Task.Yield();
                CloneSpanAfterAwait = Activity.Current?.SpanId;
            });

        Target Lint => _ => _.OnlyWhenStatic(() => clock.GetUtcNow() < Start);

        Target Compile => _ => _.DependsOn(Clone).Executes(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(1500));
            throw new InvalidOperationException("CS1002: ; expected");
        });

        Target Pack => _ => _.DependsOn(Compile).Executes(() => { });
    }

    [Fact]
    public async Task The_run_is_a_server_span_with_a_child_span_per_planned_target()
    {
        var build = new Traced(_clock);

        var result = await _driver.RunAsync(build, ["Pack", "Lint", "--parallel", "1"]);

        RunAssert.ExitCode(1, result);
        var spans = _spans.Trace(build.TraceId);
        var run = spans.Single(s => s.Parent is null && s.ParentSpanId == default);
        Assert.Equal(("RUN Lint Pack", ActivityKind.Server), (run.DisplayName, run.Kind));
        Assert.Equal(Planned, spans.Where(s => s != run).Select(s => s.DisplayName));
        Assert.All(spans.Where(s => s != run), s => Assert.Equal((run.SpanId, ActivityKind.Internal), (s.ParentSpanId, s.Kind)));

        Assert.Equal("Lint Pack", run.GetTagItem("cicd.pipeline.name"));
        Assert.Equal("RUN", run.GetTagItem("cicd.pipeline.action.name"));
        Assert.Equal(build.TraceId.ToHexString(), run.GetTagItem("cicd.pipeline.run.id"));
        Assert.Equal("failure", run.GetTagItem("cicd.pipeline.result"));
        Assert.Equal("4f2a9c1", run.GetTagItem("vcs.ref.head.revision"));
        Assert.Equal("refs/heads/main", run.GetTagItem("vcs.ref.head.name"));
        Assert.Equal(ActivityStatusCode.Error, run.Status);
        Assert.Equal((Start.UtcDateTime, TimeSpan.FromSeconds(3.5)), (run.StartTimeUtc, run.Duration));
    }

    [Fact]
    public async Task Each_target_span_carries_its_status_result_reason_outputs_and_the_run_records_times()
    {
        var build = new Traced(_clock);

        var result = await _driver.RunAsync(build, ["Pack", "Lint", "--parallel", "1"]);

        var spans = _spans.Trace(build.TraceId).ToDictionary(s => s.DisplayName);
        Assert.Equal(
            [
                ("Clone", "success", "Succeeded", null),
                ("Lint", "skip", "Skipped", RunAssert.ReasonOf(result, "Lint")),
                ("Compile", "failure", "Failed", null),
                ("Pack", "skip", "NotRun", "Compile failed"),
            ],
            Planned.Select(name => (
                name,
                spans[name].GetTagItem("cicd.pipeline.task.run.result") as string,
                spans[name].GetTagItem("deploy.target.status") as string,
                spans[name].GetTagItem("deploy.target.reason") as string)));
        Assert.NotNull(RunAssert.ReasonOf(result, "Lint"));
        Assert.All(spans.Values.Where(s => s.Parent is not null || s.ParentSpanId != default), s =>
            Assert.Equal(s.DisplayName, s.GetTagItem("cicd.pipeline.task.name")));

        var clone = spans["Clone"];
        Assert.Equal("4f2a9c1", clone.GetTagItem("deploy.output.commit"));
        Assert.Equal("4f2a9c1", clone.GetTagItem("vcs.ref.head.revision"));
        var compile = spans["Compile"];
        Assert.Equal((ActivityStatusCode.Error, "CS1002: ; expected"), (compile.Status, compile.StatusDescription));
        Assert.Equal("System.InvalidOperationException", compile.GetTagItem("error.type"));

        // Times are the run record's, to the millisecond it keeps.
        foreach (var target in result.RunRecord.GetProperty("targets").EnumerateArray())
        {
            var span = spans[target.GetProperty("name").GetString()!];
            Assert.Equal(target.GetProperty("durationSeconds").GetDouble(), span.Duration.TotalSeconds, 3);
            if (target.GetProperty("startedAt").GetString() is { } startedAt)
            {
                Assert.Equal(DateTimeOffset.Parse(startedAt, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime, span.StartTimeUtc);
            }
        }

        Assert.Equal((Start.UtcDateTime, TimeSpan.FromSeconds(2)), (clone.StartTimeUtc, clone.Duration));
        Assert.Equal((Start.AddSeconds(2).UtcDateTime, TimeSpan.FromSeconds(1.5)), (compile.StartTimeUtc, compile.Duration));
    }

    [Fact]
    public async Task While_a_target_runs_the_current_activity_is_its_span_also_after_an_await()
    {
        var build = new Traced(_clock);

        await _driver.RunAsync(build, ["Pack", "--parallel", "1"]);

        var clone = _spans.Trace(build.TraceId).Single(s => s.DisplayName == "Clone");
        Assert.Equal(clone.SpanId, build.CloneSpan);
        Assert.Equal(clone.SpanId, build.CloneSpanAfterAwait);
    }

    private sealed class Spawning : DeployBuild
    {
        public ActivitySpanId? Span { get; private set; }
        public ActivityTraceId TraceId { get; private set; }

        Target Child => _ => _.Executes(async ct =>
        {
            (TraceId, Span) = (Activity.Current!.TraceId, Activity.Current.SpanId);
            await this.RunProcessAsync("sh", ["-c", "echo \"child sees $TRACEPARENT\""], cancellationToken: ct);
            await this.RunProcessAsync("sh", ["-c", "echo \"given $TRACEPARENT\""], environment: new Dictionary<string, string?> { ["TRACEPARENT"] = "00-given" }, cancellationToken: ct);
        });
    }

    [Fact]
    public async Task A_child_process_gets_TRACEPARENT_of_its_targets_span_unless_given_one()
    {
        var build = new Spawning();

        var result = await _driver.RunAsync(build, ["Child"]);

        RunAssert.ExitCode(0, result);
        Assert.Contains($"child sees 00-{build.TraceId.ToHexString()}-{build.Span!.Value.ToHexString()}-01", result.LogFile, StringComparison.Ordinal);
        Assert.Contains("given 00-given", result.LogFile, StringComparison.Ordinal);
        Assert.Contains(_spans.Trace(build.TraceId), s => s.SpanId == build.Span && s.DisplayName == "Child");
    }

    public void Dispose()
    {
        _spans.Dispose();
        _driver.Dispose();
    }
}
