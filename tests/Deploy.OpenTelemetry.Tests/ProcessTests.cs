using Deploy.OpenTelemetry.Tests.Support;

namespace Deploy.OpenTelemetry.Tests;

/// <summary>The tester build as a real process: what it loads, and the OTEL_* variables of its own environment.</summary>
public sealed class ProcessTests : IDisposable
{
    /// <summary>What Tester/TesterBuild.cs prints after its run.</summary>
    private const string LoadedLine = "OpenTelemetry assemblies loaded: ";

    private readonly BuildProcess _tester = new("Deploy.OpenTelemetry.Tester.dll", "OTEL_", "OTLP_", "DEPLOY_", "TRACEPARENT", "TRACESTATE");

    private static string Loaded(ProcessOutput result) =>
        result.Output.Split('\n').Single(line => line.StartsWith(LoadedLine, StringComparison.Ordinal))[LoadedLine.Length..].Trim();

    [Fact]
    public async Task Without_an_endpoint_no_OpenTelemetry_assembly_is_loaded_and_no_child_gets_a_TRACEPARENT()
    {
        var result = await _tester.RunAsync(new Dictionary<string, string> { ["OTEL_SERVICE_NAME"] = "checkout" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("none", Loaded(result));
        Assert.Contains("compiler sees TRACEPARENT=\n", result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("--plan")]
    public async Task When_nothing_runs_no_OpenTelemetry_assembly_is_loaded_even_with_an_endpoint(string option)
    {
        var result = await _tester.RunAsync(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318" }, option);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("none", Loaded(result));
    }

    [Fact]
    public async Task With_OTEL_EXPORTER_OTLP_ENDPOINT_in_its_environment_the_process_exports_its_trace()
    {
        using var collector = OtlpReceiver.Start();

        var result = await _tester.RunAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url.AbsoluteUri,
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-api-key=k3y-f0r-the-c0llector",
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("OpenTelemetry,", Loaded(result), StringComparison.Ordinal);
        Assert.Equal(["Checkout", "Compile", "Publish", "RUN Publish"], collector.Spans.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.All(collector.Exports, e => Assert.Equal("k3y-f0r-the-c0llector", e.Headers["x-api-key"]));
        Assert.DoesNotContain("k3y-f0r-the-c0llector", result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("k3y-f0r-the-c0llector", await File.ReadAllTextAsync(_tester.RunRecordPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_OTEL_variable_stops_the_build_before_anything_runs()
    {
        var result = await _tester.RunAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4318",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
        });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("OTEL_EXPORTER_OTLP_PROTOCOL is 'grpc'", result.Error, StringComparison.Ordinal);
        // Nothing ran: the record of the invalid run says so.
        using var record = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(_tester.RunRecordPath));
        Assert.Equal("Invalid", record.RootElement.GetProperty("result").GetString());
        Assert.All(record.RootElement.GetProperty("targets").EnumerateArray(), t => Assert.Equal("NotRun", t.GetProperty("status").GetString()));
    }

    public void Dispose() => _tester.Dispose();
}
