using System.Text.RegularExpressions;
using Deploy.Build;

namespace Deploy.Prometheus;

/// <summary>Where and how long to push, checked once before the run starts.</summary>
internal sealed partial record PushgatewaySettings(PushgatewayEndpoint Endpoint, TimeSpan Timeout)
{
    /// <summary>
    /// Labels our own metrics carry. The Pushgateway overwrites a pushed label with the grouping key's label of
    /// the same name (https://github.com/prometheus/pushgateway#url), which would merge our series.
    /// </summary>
    private static readonly string[] ReservedLabels = ["job", .. MetricNames.OwnLabels];

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="DeployException">A setting cannot work; the message says what to change.</exception>
    public static PushgatewaySettings Create(Uri url, string job, IReadOnlyList<string> labels, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(labels);
        var problems = new List<string>();
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"--pushgateway-url '{PushgatewayEndpoint.Mask(url)}' is not an http or https URL. Give the gateway's base URL, e.g. http://127.0.0.1:9091.");
        }
        else if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            problems.Add($"--pushgateway-url '{PushgatewayEndpoint.Mask(url)}' has a query or fragment, which the Pushgateway does not use. Give only its base URL, e.g. http://127.0.0.1:9091.");
        }

        if (string.IsNullOrEmpty(job))
        {
            // https://github.com/prometheus/pushgateway#url: "an empty job name is invalid".
            problems.Add("--pushgateway-job is empty; the Pushgateway needs a job name. Leave it out for the default 'deploy'.");
        }

        var grouping = new List<KeyValuePair<string, string>>();
        foreach (var label in labels)
        {
            if (ParseLabel(label, grouping) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (timeout <= TimeSpan.Zero)
        {
            problems.Add($"--pushgateway-timeout must be longer than zero, not {timeout}. Give a duration such as 5s.");
        }

        if (problems.Count > 0)
        {
            throw new DeployException(string.Join(" ", problems));
        }

        return new PushgatewaySettings(PushgatewayEndpoint.Create(url, job, grouping), timeout);
    }

    private static string? ParseLabel(string label, List<KeyValuePair<string, string>> grouping)
    {
        var separator = label.IndexOf('=', StringComparison.Ordinal);
        if (separator < 0)
        {
            return $"--pushgateway-label '{label}' is not name=value. Write it as e.g. --pushgateway-label environment=staging.";
        }

        var name = label[..separator];
        var value = label[(separator + 1)..];
        if (!LabelName().IsMatch(name) || name.StartsWith("__", StringComparison.Ordinal))
        {
            // https://prometheus.io/docs/concepts/data_model/#metric-names-and-labels
            return $"--pushgateway-label '{label}': '{name}' is not a Prometheus label name (letters, digits and _, not starting with a digit or __).";
        }

        if (ReservedLabels.Contains(name, StringComparer.Ordinal))
        {
            return name == "job"
                ? $"--pushgateway-label '{label}': the job is set with --pushgateway-job, not as a label."
                : $"--pushgateway-label '{label}': '{name}' is a label of Deploy's own metrics and the gateway would overwrite it. Choose another name.";
        }

        if (grouping.Any(pair => pair.Key == name))
        {
            return $"--pushgateway-label '{name}' is given twice. Give each grouping label once.";
        }

        grouping.Add(new(name, value));
        return null;
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
