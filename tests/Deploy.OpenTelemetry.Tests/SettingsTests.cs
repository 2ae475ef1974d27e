using Deploy.Build;

namespace Deploy.OpenTelemetry.Tests;

/// <summary>Where the trace goes and what the collector is told, from the parameters and the OTEL_* variables.</summary>
public sealed class SettingsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static TracingSettings? Read(Uri? endpoint, params (string Name, string Value)[] variables) =>
        TracingSettings.Read(endpoint, Timeout, name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault());

    private static string Problem(Uri? endpoint, params (string Name, string Value)[] variables) =>
        Assert.Throws<DeployException>(() => Read(endpoint, variables)).Message;

    [Fact]
    public void Without_an_endpoint_there_is_nothing_to_export() =>
        Assert.Null(Read(null, ("OTEL_SERVICE_NAME", "checkout"), ("OTEL_EXPORTER_OTLP_ENDPOINT", "  ")));

    [Theory]
    [InlineData("http://127.0.0.1:4318", "http://127.0.0.1:4318/v1/traces")]
    [InlineData("http://127.0.0.1:4318/", "http://127.0.0.1:4318/v1/traces")]
    [InlineData("https://collector.example/otlp/", "https://collector.example/otlp/v1/traces")]
    public void The_base_endpoint_gets_the_traces_path_appended_below_its_own(string endpoint, string traces)
    {
        Assert.Equal(traces, Read(new Uri(endpoint))!.TracesUrl.AbsoluteUri);
        Assert.Equal(traces, Read(null, ("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint))!.TracesUrl.AbsoluteUri);
    }

    [Fact]
    public void The_traces_endpoint_variable_is_used_as_it_is() =>
        Assert.Equal("http://127.0.0.1:4318/custom", Read(null, ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:4318/custom"), ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://other:4318"))!.TracesUrl.AbsoluteUri);

    [Fact]
    public void The_parameter_wins_over_the_variables() =>
        Assert.Equal("http://given:4318/v1/traces", Read(new Uri("http://given:4318"), ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://env:4318/v1/traces"))!.TracesUrl.AbsoluteUri);

    [Theory]
    [InlineData("collector:4318")]
    [InlineData("ftp://collector:4318")]
    [InlineData("not a url")]
    public void An_endpoint_that_is_not_http_is_refused_with_a_message_quoting_it(string endpoint) =>
        Assert.Contains($"OTEL_EXPORTER_OTLP_ENDPOINT '{endpoint}' is not an http or https URL", Problem(null, ("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)), StringComparison.Ordinal);

    [Fact]
    public void Credentials_in_a_bad_endpoint_are_not_quoted()
    {
        var problem = Problem(null, ("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://user:hunter2@collector:21"));
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/json")]
    public void Another_protocol_is_refused(string protocol) =>
        Assert.Contains($"OTEL_EXPORTER_OTLP_PROTOCOL is '{protocol}', but Deploy exports traces as http/protobuf only", Problem(new Uri("http://127.0.0.1:4318"), ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)), StringComparison.Ordinal);

    [Fact]
    public void Headers_are_percent_decoded_name_value_pairs()
    {
        var settings = Read(new Uri("http://127.0.0.1:4318"), ("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Basic%20dXNlcjpwYXNz, x-tenant = a=b "))!;

        Assert.Equal([new("authorization", "Basic dXNlcjpwYXNz"), new("x-tenant", "a=b")], settings.Headers);
        Assert.DoesNotContain("dXNlcjpwYXNz", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer hunter2-token")]
    [InlineData("authorization=Bearer x,=hunter2-token")]
    [InlineData("bad name=hunter2-token")]
    [InlineData("x-key=hunter2-token%0A")]
    public void Malformed_headers_are_refused_without_quoting_a_secret(string headers)
    {
        var problem = Problem(new Uri("http://127.0.0.1:4318"), ("OTEL_EXPORTER_OTLP_HEADERS", headers));

        Assert.StartsWith("OTEL_EXPORTER_OTLP_HEADERS: ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void OTEL_SERVICE_NAME_wins_over_the_resource_attribute_which_wins_over_the_default()
    {
        var endpoint = new Uri("http://127.0.0.1:4318");
        Assert.Equal("deploy", Read(endpoint)!.ServiceName);
        Assert.Equal("from-resource", Read(endpoint, ("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-resource"))!.ServiceName);
        Assert.Equal("from-name", Read(endpoint, ("OTEL_RESOURCE_ATTRIBUTES", "service.name=from-resource"), ("OTEL_SERVICE_NAME", "from-name"))!.ServiceName);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problem = Problem(null, ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector"), ("OTEL_EXPORTER_OTLP_HEADERS", "token"), ("OTEL_RESOURCE_ATTRIBUTES", "=x"));

        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", problem, StringComparison.Ordinal);
        Assert.Contains("OTEL_EXPORTER_OTLP_HEADERS", problem, StringComparison.Ordinal);
        Assert.Contains("OTEL_RESOURCE_ATTRIBUTES", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeout_of_zero_is_refused() =>
        Assert.Contains("--otlp-timeout must be longer than zero", Assert.Throws<DeployException>(() => TracingSettings.Read(new Uri("http://127.0.0.1:4318"), TimeSpan.Zero, _ => null)).Message, StringComparison.Ordinal);
}
