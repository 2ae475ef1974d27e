using System.Globalization;

namespace Deploy.Rollout.Verify;

/// <summary>A <c>--verify-url</c> gate: one GET must answer 2xx.</summary>
internal static class UrlGate
{
    public static string Name(Uri url) => $"--verify-url {Shown.Url(url)}";

    public static async Task<GateEvaluation> ProbeAsync(HttpClient http, Uri url, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return new GateEvaluation(Name(url), code.ToString(CultureInfo.InvariantCulture), code is >= 200 and < 300 ? GateVerdict.Pass : GateVerdict.Fail);
        }
        catch (HttpRequestException e)
        {
            return new GateEvaluation(Name(url), $"no answer ({e.Message})", GateVerdict.Fail);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new GateEvaluation(Name(url), $"no answer within {timeout}", GateVerdict.Fail);
        }
    }
}
