using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Deploy.Rollout.Verify;

/// <summary>
/// A <c>--verify-query</c> gate: an instant query through Prometheus's HTTP API (<c>/api/v1/query</c>) whose every
/// sample must be truthy (non-zero, not NaN). An empty result, or Prometheus not answering, is inconclusive; a query
/// Prometheus refuses fails, whatever <c>--verify-inconclusive</c> says, since it can never pass.
/// </summary>
internal static class QueryGate
{
    public static string Name(string query) => $"--verify-query '{query}'";

    public static async Task<GateEvaluation> EvaluateAsync(HttpClient http, Uri prometheus, string query, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        // Under the base URL's path, so a Prometheus behind a prefix (http://host/prometheus) is asked there.
        var url = new Uri(prometheus.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/api/v1/query?query=" + Uri.EscapeDataString(query));
        using var limit = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        string body;
        HttpStatusCode status;
        try
        {
            using var response = await http.GetAsync(url, linked.Token).ConfigureAwait(false);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return new GateEvaluation(Name(query), $"no value: Prometheus at {Shown.Url(prometheus)} did not answer ({e.Message})", GateVerdict.Inconclusive);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new GateEvaluation(Name(query), $"no value: Prometheus at {Shown.Url(prometheus)} did not answer within {timeout}", GateVerdict.Inconclusive);
        }

        return Judge(query, prometheus, status, body);
    }

    /// <summary>The verdict on one answer of the query API (https://prometheus.io/docs/prometheus/latest/querying/api/#instant-queries).</summary>
    internal static GateEvaluation Judge(string query, Uri prometheus, HttpStatusCode status, string body)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new GateEvaluation(Name(query), $"no value: {Shown.Url(prometheus)} answered {(int)status} with no query result (is it Prometheus?)", GateVerdict.Inconclusive);
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var state))
            {
                return new GateEvaluation(Name(query), $"no value: {Shown.Url(prometheus)} answered {(int)status} with no query result (is it Prometheus?)", GateVerdict.Inconclusive);
            }

            if (state.GetString() != "success")
            {
                var error = root.TryGetProperty("error", out var e) ? e.GetString() : "no reason given";
                var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : null;

                // bad_data: the query itself is wrong, so it can never pass; anything else is Prometheus's trouble.
                return type == "bad_data"
                    ? new GateEvaluation(Name(query), $"refused by Prometheus: {error}. Fix the query", GateVerdict.Fail)
                    : new GateEvaluation(Name(query), $"no value: Prometheus answered {(int)status} ({type}: {error})", GateVerdict.Inconclusive);
            }

            var data = root.GetProperty("data");
            var result = data.GetProperty("result");
            switch (data.GetProperty("resultType").GetString())
            {
                case "scalar":
                    var scalar = Value(result);
                    return new GateEvaluation(Name(query), Format(scalar), Truthy(scalar) ? GateVerdict.Pass : GateVerdict.Fail);
                case "vector":
                    var samples = result.EnumerateArray().Select(s => (Labels: Labels(s.GetProperty("metric")), Value: Value(s.GetProperty("value")))).ToList();
                    if (samples.Count == 0)
                    {
                        return new GateEvaluation(Name(query), "empty result (no series matched)", GateVerdict.Inconclusive);
                    }

                    var shown = samples.Count == 1 ? Format(samples[0].Value) : string.Join(", ", samples.Select(s => $"{s.Labels} {Format(s.Value)}"));
                    return new GateEvaluation(Name(query), shown, samples.All(s => Truthy(s.Value)) ? GateVerdict.Pass : GateVerdict.Fail);
                case var other:
                    return new GateEvaluation(Name(query), $"a {other}, not a value. Give an instant vector or scalar expression (no [range] at the end)", GateVerdict.Fail);
            }
        }
    }

    private static bool Truthy(double value) => value != 0 && !double.IsNaN(value);

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Labels(JsonElement metric) =>
        "{" + string.Join(", ", metric.EnumerateObject().Select(p => $"{p.Name}=\"{p.Value.GetString()}\"")) + "}";

    /// <summary>[ unix time, "value" ]: the value is a string so that NaN and ±Inf survive JSON.</summary>
    private static double Value(JsonElement pair) => pair[1].GetString() switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        var text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN,
    };
}
