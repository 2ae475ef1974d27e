using System.Globalization;
using System.Text.Json;
using Deploy.OpenTelemetry.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.OpenTelemetry.Tests;

/// <summary>A build with the tracing component, its trace received over OTLP/HTTP by a stand-in collector.</summary>
public sealed class TraceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);
    private static readonly string[] Targets = ["Checkout", "Lint", "Compile", "Test", "Publish"];
    private readonly OtlpReceiver _collector = OtlpReceiver.Start();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly BuildDriver _driver;

    public TraceTests() => _driver = new BuildDriver { Time = _clock };

    // A generous --otlp-timeout: these tests are about what is sent, and on a loaded machine the first export (JIT of the
    // exporter, the first connection) has taken longer than the default 5 s, which drops spans. FailingCollectorTests
    // are about the bound.
    private Task<BuildResult> RunAsync(TracedBuild build, params string[] args) =>
        _driver.RunAsync(build, ["Publish", "Lint", "--parallel", "1", "--otlp-endpoint", _collector.Url.AbsoluteUri, "--otlp-timeout", "2m", .. args]);

    [Fact]
    public async Task The_run_is_one_trace_a_server_span_for_the_run_and_a_child_span_per_target()
    {
        var build = new TracedBuild(_clock);

        var result = await RunAsync(build);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(_collector.Problems);
        var spans = _collector.Spans;
        var run = Assert.Single(spans, s => s.ParentSpanId.Length == 0);
        Assert.Equal(("RUN Lint Publish", ReceivedSpan.Server), (run.Name, run.Kind));
        Assert.All(spans, s => Assert.Equal((run.TraceId, "Deploy.Build"), (s.TraceId, s.Scope)));
        var children = spans.Where(s => s != run).ToList();
        Assert.Equal(Targets.Order(StringComparer.Ordinal), children.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(children, s => Assert.Equal((run.SpanId, ReceivedSpan.Internal), (s.ParentSpanId, s.Kind)));
        Assert.True(result.Output.Contains($"Trace {run.TraceId} exported to {_collector.Url}v1/traces.", StringComparison.Ordinal), result.Output);
    }

    [Fact]
    public async Task Spans_carry_the_CICD_attributes_status_reasons_and_the_commit_ref_and_digest()
    {
        var build = new TracedBuild(_clock);

        var result = await RunAsync(build);

        var spans = _collector.Spans.ToDictionary(s => s.Name);
        var run = spans["RUN Lint Publish"];
        Assert.Equal("Lint Publish", run["cicd.pipeline.name"]);
        Assert.Equal("RUN", run["cicd.pipeline.action.name"]);
        Assert.Equal(run.TraceId, run["cicd.pipeline.run.id"]);
        Assert.Equal("success", run["cicd.pipeline.result"]);
        Assert.Equal(("4f2a9c1", "refs/heads/main", TracedBuild.Digest), (run["vcs.ref.head.revision"], run["vcs.ref.head.name"], run["oci.manifest.digest"]));
        Assert.Equal(1L, run["deploy.parallelism"]);

        foreach (var target in result.RunRecord.GetProperty("targets").EnumerateArray())
        {
            var span = spans[target.GetProperty("name").GetString()!];
            Assert.Equal(span.Name, span["cicd.pipeline.task.name"]);
            Assert.Equal(span.SpanId, span["cicd.pipeline.task.run.id"]);
            Assert.Equal(target.GetProperty("status").GetString(), span["deploy.target.status"]);
            Assert.Equal(target.GetProperty("reason").GetString(), span["deploy.target.reason"]);
        }

        Assert.Equal(["success", "skip", "success", "success", "success"], Targets.Select(t => spans[t]["cicd.pipeline.task.run.result"]));
        Assert.NotNull(spans["Lint"]["deploy.target.reason"]);
        Assert.Equal(("4f2a9c1", "4f2a9c1"), (spans["Checkout"]["deploy.output.commit"], spans["Checkout"]["vcs.ref.head.revision"]));
        Assert.Equal(TracedBuild.Digest, spans["Publish"]["oci.manifest.digest"]);
    }

    [Fact]
    public async Task Span_times_are_the_run_records()
    {
        var build = new TracedBuild(_clock);

        var result = await RunAsync(build);

        var spans = _collector.Spans.ToDictionary(s => s.Name);
        foreach (var target in result.RunRecord.GetProperty("targets").EnumerateArray())
        {
            var span = spans[target.GetProperty("name").GetString()!];
            Assert.Equal(target.GetProperty("durationSeconds").GetDouble(), span.Duration.TotalSeconds, 3);
            if (target.GetProperty("startedAt").GetString() is { } startedAt)
            {
                Assert.Equal(DateTimeOffset.Parse(startedAt, CultureInfo.InvariantCulture), span.Start);
            }
        }

        var run = spans["RUN Lint Publish"];
        Assert.Equal(DateTimeOffset.Parse(result.RunRecord.GetProperty("startedAt").GetString()!, CultureInfo.InvariantCulture), run.Start);
        Assert.Equal(result.RunRecord.GetProperty("wallSeconds").GetDouble(), run.Duration.TotalSeconds, 3);
        Assert.Equal((Start.AddSeconds(2), TimeSpan.FromSeconds(1.5)), (spans["Compile"].Start, spans["Compile"].Duration));
        Assert.Equal(TimeSpan.FromSeconds(4.75), run.Duration);
    }

    [Fact]
    public async Task A_collector_slow_to_answer_gets_every_span_before_the_build_ends()
    {
        // Longer than the batch processor's one-second poll: its flush says "done" once the last request is written,
        // not answered, and a run that ended then lost the request in flight and with it the run's span.
        _collector.AnswerDelay = TimeSpan.FromSeconds(1.5);
        var build = new TracedBuild(_clock);

        var result = await RunAsync(build);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Checkout", "Compile", "Lint", "Publish", "RUN Lint Publish", "Test"], _collector.Spans.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Contains($"Trace {_collector.Spans[0].TraceId} exported to {_collector.Url}v1/traces.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_target_is_an_error_span_and_the_targets_after_it_are_skipped_with_their_reason()
    {
        var build = new TracedBuild(_clock) { FailTest = true };

        var result = await RunAsync(build);

        Assert.Equal(1, result.ExitCode);
        var spans = _collector.Spans.ToDictionary(s => s.Name);
        var test = spans["Test"];
        Assert.Equal((ReceivedSpan.Error, "3 tests failed", "failure"), (test.StatusCode, test.StatusMessage, test["cicd.pipeline.task.run.result"]));
        Assert.Equal("System.InvalidOperationException", test["error.type"]);
        Assert.Equal(("skip", "NotRun", "Test failed"), (spans["Publish"]["cicd.pipeline.task.run.result"], spans["Publish"]["deploy.target.status"], spans["Publish"]["deploy.target.reason"]));
        Assert.Equal(("failure", ReceivedSpan.Error), (spans["RUN Lint Publish"]["cicd.pipeline.result"], spans["RUN Lint Publish"].StatusCode));
    }

    [Fact]
    public async Task A_child_process_gets_TRACEPARENT_of_its_targets_span()
    {
        var build = new TracedBuild(_clock);

        var result = await RunAsync(build);

        var compile = _collector.Spans.Single(s => s.Name == "Compile");
        Assert.Contains($"compiler sees TRACEPARENT=00-{compile.TraceId}-{compile.SpanId}-01", result.LogFile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_name_and_resource_attributes_come_from_OTEL_SERVICE_NAME_and_OTEL_RESOURCE_ATTRIBUTES()
    {
        var build = new TracedBuild(_clock);
        _driver.Environment["OTEL_SERVICE_NAME"] = "checkout-pipeline";
        _driver.Environment["OTEL_RESOURCE_ATTRIBUTES"] = "service.name=ignored,deployment.environment.name=staging,team=pay%20ments";

        await RunAsync(build);

        var resource = _collector.Exports[0].Resource;
        Assert.Equal(("checkout-pipeline", "staging", "pay ments"), (resource["service.name"], resource["deployment.environment.name"], resource["team"]));
        Assert.Equal("opentelemetry", resource["telemetry.sdk.name"]);
    }

    [Fact]
    public async Task Without_OTEL_SERVICE_NAME_the_service_is_deploy()
    {
        await RunAsync(new TracedBuild(_clock));

        Assert.Equal("deploy", _collector.Exports[0].Resource["service.name"]);
    }

    [Fact]
    public async Task OTEL_EXPORTER_OTLP_ENDPOINT_is_used_when_no_endpoint_is_given()
    {
        var build = new TracedBuild(_clock);
        _driver.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Url.AbsoluteUri;

        var result = await _driver.RunAsync(build, ["Publish", "--parallel", "1"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(_collector.Spans, s => s.Name == "RUN Publish");
    }

    [Fact]
    public async Task Headers_reach_the_collector_and_nothing_else()
    {
        const string Secret = "s3cr3t-t0ken-9f8e7d";
        var build = new TracedBuild(_clock);
        _driver.Environment["OTEL_EXPORTER_OTLP_HEADERS"] = $"authorization=Bearer%20{Secret},x-tenant=team-a";

        var result = await RunAsync(build);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(_collector.Exports, e => Assert.Equal(($"Bearer {Secret}", "team-a"), (e.Headers["authorization"], e.Headers["x-tenant"])));
        Assert.DoesNotContain(Secret, result.Everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.LogFile, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.RunRecordText, StringComparison.Ordinal);
        var everythingSent = JsonSerializer.Serialize(_collector.Exports.Select(e => new { e.Resource, Spans = e.Spans.Select(s => s.Attributes) }));
        Assert.DoesNotContain(Secret, everythingSent, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _collector.Dispose();
        _driver.Dispose();
    }
}
