using System.Text;
using Deploy.Build;

namespace Deploy.Prometheus.Tests;

public sealed class PushgatewaySettingsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void The_push_url_holds_the_job_and_the_grouping_labels_in_order()
    {
        var settings = PushgatewaySettings.Create(new Uri("http://gateway:9091"), "deploy", ["env=staging", "path=/srv/app"], Timeout);

        Assert.Equal("http://gateway:9091/metrics/job/deploy/env/staging/path@base64/L3Nydi9hcHA", settings.Endpoint.PushUri.AbsoluteUri);
    }

    [Fact]
    public void A_job_with_a_slash_is_pushed_in_base64_form()
    {
        var settings = PushgatewayEndpoint.Create(new Uri("http://gateway:9091"), "team/app", []);

        Assert.Equal("http://gateway:9091/metrics/job@base64/dGVhbS9hcHA", settings.PushUri.AbsoluteUri);
    }

    [Fact]
    public void A_base_url_with_a_path_keeps_it()
    {
        var endpoint = PushgatewayEndpoint.Create(new Uri("https://metrics.example/pushgateway/"), "deploy", []);

        Assert.Equal("https://metrics.example/pushgateway/metrics/job/deploy", endpoint.PushUri.AbsoluteUri);
    }

    [Fact]
    public void Credentials_in_the_url_become_a_basic_authorization_header_and_are_masked_everywhere_else()
    {
        var endpoint = PushgatewayEndpoint.Create(new Uri("https://ci:s3cr%40t@metrics.example:9091"), "deploy", []);

        Assert.Equal("https://metrics.example:9091/metrics/job/deploy", endpoint.PushUri.AbsoluteUri);
        Assert.Equal("Basic", endpoint.Authorization?.Scheme);
        Assert.Equal("ci:s3cr@t", Encoding.UTF8.GetString(Convert.FromBase64String(endpoint.Authorization!.Parameter!)));
        Assert.Equal("https://***@metrics.example:9091/metrics/job/deploy", endpoint.Display);
        Assert.Equal(endpoint.Display, endpoint.ToString());
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_what_to_change()
    {
        var error = Assert.Throws<DeployException>(() => PushgatewaySettings.Create(
            new Uri("ftp://user:hunter2@gateway"), "", ["novalue", "9lives=x", "stage=Clone", "job=x", "env=a", "env=b"], TimeSpan.Zero));

        Assert.Contains("'ftp://***@gateway/' is not an http or https URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("--pushgateway-job is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("--pushgateway-label 'novalue' is not name=value", error.Message, StringComparison.Ordinal);
        Assert.Contains("'9lives' is not a Prometheus label name", error.Message, StringComparison.Ordinal);
        Assert.Contains("'stage' is a label of Deploy's own metrics", error.Message, StringComparison.Ordinal);
        Assert.Contains("the job is set with --pushgateway-job", error.Message, StringComparison.Ordinal);
        Assert.Contains("--pushgateway-label 'env' is given twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("--pushgateway-timeout must be longer than zero", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_may_have_an_empty_value_or_an_equals_sign_in_it()
    {
        var settings = PushgatewaySettings.Create(new Uri("http://gateway:9091"), "deploy", ["empty=", "query=a=b"], Timeout);

        Assert.Equal("http://gateway:9091/metrics/job/deploy/empty@base64/=/query/a%3Db", settings.Endpoint.PushUri.AbsoluteUri);
    }
}
