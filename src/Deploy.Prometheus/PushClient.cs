using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Deploy.Prometheus;

/// <summary>
/// One push: a single HTTP POST of the exposition text to the group's URL. We make the request ourselves,
/// rather than use prometheus-net's MetricPusher, because that one pushes on a timer and swallows errors.
/// </summary>
internal sealed class PushClient(HttpClient http, PushgatewayEndpoint endpoint)
{
    /// <summary>The most of an error response's body that is read and quoted.</summary>
    private const int MaxErrorLength = 300;

    private static readonly MediaTypeHeaderValue TextFormat = MediaTypeHeaderValue.Parse(Exposition.ContentType);

    /// <summary>
    /// POSTs the metrics. POST, not PUT: it replaces only the metric families it carries, so series a run does not
    /// push (the last success time, after a failed run) keep their values (https://github.com/prometheus/pushgateway#post-method).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<PushResult> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.PushUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = TextFormat;
        request.Headers.Authorization = endpoint.Authorization;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return PushResult.Pushed;
            }

            var error = $"{(int)response.StatusCode} {response.ReasonPhrase}{await QuoteBodyAsync(response, cancellationToken).ConfigureAwait(false)}";
            return IsWorthRetrying(response.StatusCode) ? PushResult.Failed(error) : PushResult.Rejected(error);
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return PushResult.Failed(exception.Message);
        }
    }

    /// <summary>
    /// Server-side trouble that may pass. A 400 (the gateway says why: a malformed push, or metrics inconsistent
    /// with other groups; https://github.com/prometheus/pushgateway#put-method), a 401/403/404 and a redirect
    /// would come back the same every time. Redirects are not followed: a POST with credentials goes only where
    /// it was told to.
    /// </summary>
    private static bool IsWorthRetrying(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>": &lt;the body's first 300 characters, on one line&gt;", or nothing for an empty body.</summary>
    private static async Task<string> QuoteBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxErrorLength + 1];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
        var text = string.Join(' ', new string(buffer, 0, Math.Min(read, MaxErrorLength)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? "" : $": {text}{(read > MaxErrorLength ? "…" : "")}";
    }
}
