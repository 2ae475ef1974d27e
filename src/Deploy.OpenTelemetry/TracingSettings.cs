using System.Text.RegularExpressions;
using Deploy.Build;

namespace Deploy.OpenTelemetry;

/// <summary>
/// Where and how to export the trace, read once before the run starts from the parameters and the <c>OTEL_*</c>
/// variables (https://opentelemetry.io/docs/specs/otel/protocol/exporter/). Not a record: the headers are secrets,
/// and a generated <c>ToString</c> would print them.
/// </summary>
internal sealed partial class TracingSettings
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string TracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public const string HeadersVariable = "OTEL_EXPORTER_OTLP_HEADERS";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string TracesProtocolVariable = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";
    public const string ResourceAttributesVariable = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>The only protocol exported: OTLP over HTTP with protobuf bodies.</summary>
    public const string Protocol = "http/protobuf";

    /// <summary>service.name when neither OTEL_SERVICE_NAME nor OTEL_RESOURCE_ATTRIBUTES gives one.</summary>
    public const string DefaultServiceName = "deploy";

    private TracingSettings(Uri tracesUrl, IReadOnlyList<KeyValuePair<string, string>> headers, string serviceName, IReadOnlyList<KeyValuePair<string, string>> resource, TimeSpan timeout)
    {
        TracesUrl = tracesUrl;
        Headers = headers;
        ServiceName = serviceName;
        ResourceAttributes = resource;
        Timeout = timeout;
    }

    /// <summary>The URL the spans are posted to (…/v1/traces).</summary>
    public Uri TracesUrl { get; }

    /// <summary>The URL as shown in the log and the summary: credentials, if any, masked.</summary>
    public string Display => TracesUrl.UserInfo.Length == 0
        ? TracesUrl.AbsoluteUri
        : TracesUrl.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);

    /// <summary>Request headers for the collector (secrets: never shown).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public string ServiceName { get; }

    /// <summary>Resource attributes from OTEL_RESOURCE_ATTRIBUTES, service.name excluded.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ResourceAttributes { get; }

    /// <summary>How long the end of the run waits for the export.</summary>
    public TimeSpan Timeout { get; }

    public override string ToString() => Display;

    /// <summary>The settings, or null when no endpoint is set (nothing to export).</summary>
    /// <exception cref="DeployException">A setting cannot work; every problem at once, no header value quoted.</exception>
    public static TracingSettings? Read(Uri? endpoint, TimeSpan timeout, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Variable(string name) => environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var problems = new List<string>();
        Uri? tracesUrl;
        if (endpoint is not null)
        {
            tracesUrl = ToTracesUrl(endpoint, endpoint.OriginalString, "--otlp-endpoint", appendPath: true, problems);
        }
        else if (Variable(TracesEndpointVariable) is { } traces)
        {
            tracesUrl = ToTracesUrl(Parse(traces), traces, TracesEndpointVariable, appendPath: false, problems);
        }
        else if (Variable(EndpointVariable) is { } baseUrl)
        {
            tracesUrl = ToTracesUrl(Parse(baseUrl), baseUrl, EndpointVariable, appendPath: true, problems);
        }
        else
        {
            return null;
        }

        foreach (var name in new[] { TracesProtocolVariable, ProtocolVariable })
        {
            if (Variable(name) is { } protocol && protocol != Protocol)
            {
                problems.Add($"{name} is '{protocol}', but Deploy exports traces as {Protocol} only. Set it to {Protocol} (with the collector's OTLP/HTTP port, usually 4318), or unset it.");
            }
        }

        var headers = Variable(HeadersVariable) is { } headerText ? ParseHeaders(headerText, problems) : [];
        var resource = Variable(ResourceAttributesVariable) is { } resourceText ? ParseResource(resourceText, problems) : [];
        var serviceName = Variable(ServiceNameVariable)
            ?? resource.LastOrDefault(a => a.Key == "service.name").Value
            ?? DefaultServiceName;
        if (timeout <= TimeSpan.Zero)
        {
            problems.Add($"--otlp-timeout must be longer than zero, not {timeout}. Give a duration such as 5s.");
        }

        if (problems.Count > 0)
        {
            throw new DeployException(string.Join(" ", problems));
        }

        return new TracingSettings(tracesUrl!, headers, serviceName, resource.Where(a => a.Key != "service.name").ToList(), timeout);
    }

    private static Uri? Parse(string text) => Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : null;

    private static Uri? ToTracesUrl(Uri? url, string text, string source, bool appendPath, List<string> problems)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{source} '{Mask(url, text)}' is not an http or https URL. Give the collector's OTLP/HTTP address, e.g. http://127.0.0.1:4318.");
            return null;
        }

        // The base URL's path is kept, so a collector behind a path prefix works (the spec's "relative to the base").
        return appendPath ? new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/v1/traces" + url.Query, UriKind.Absolute) : url;
    }

    /// <summary>What is shown of a URL that will not do: its credentials, if it has any, left out.</summary>
    private static string Mask(Uri? url, string text) => url is { IsAbsoluteUri: true, UserInfo.Length: > 0 }
        ? url.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped)
        : text;

    private static List<KeyValuePair<string, string>> ParseHeaders(string text, List<string> problems)
    {
        // Nothing of the variable is quoted back, not even a name: a token pasted without "name=" would be all of it.
        var (pairs, bad) = KeyValueList.Parse(text);
        if (pairs is null)
        {
            problems.Add($"{HeadersVariable}: entry {bad} is not name=value. Write it as name=value,name2=value2 (values percent-encoded), e.g. authorization=Bearer%20<token>.");
            return [];
        }

        for (var i = 0; i < pairs.Count; i++)
        {
            if (!HeaderName().IsMatch(pairs[i].Key))
            {
                problems.Add($"{HeadersVariable}: the name of header {i + 1} is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only). Fix that entry.");
            }
            else if (pairs[i].Value.Any(char.IsControl))
            {
                problems.Add($"{HeadersVariable}: the value of header {i + 1} holds a control character (a line break?), which no HTTP header may. Fix that entry.");
            }
        }

        return pairs;
    }

    private static List<KeyValuePair<string, string>> ParseResource(string text, List<string> problems)
    {
        var (pairs, bad) = KeyValueList.Parse(text);
        if (pairs is null)
        {
            problems.Add($"{ResourceAttributesVariable}: entry {bad} of '{text}' is not name=value. Write it as key=value,key2=value2, e.g. deployment.environment.name=staging.");
            return [];
        }

        return pairs;
    }

    // RFC 9110 §5.6.2 token.
    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderName();
}
