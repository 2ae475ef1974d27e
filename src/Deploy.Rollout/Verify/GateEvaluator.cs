using Serilog;

namespace Deploy.Rollout.Verify;

/// <summary>
/// Evaluates every gate at the start of the window and then every interval up to its end, on the build's clock, and
/// stops at the first evaluation that fails. Each evaluation's value is logged. Changes nothing: rolling back is
/// <see cref="VerifyRunner"/>'s.
/// </summary>
internal sealed class GateEvaluator(VerifyGates gates, HttpClient http, TimeProvider time, ILogger log)
{
    /// <summary>The longest one probe or query may take: the interval, but never more than 10 s.</summary>
    private TimeSpan ProbeTimeout => gates.Interval < TimeSpan.FromSeconds(10) ? gates.Interval : TimeSpan.FromSeconds(10);

    public async Task<VerifyOutcome> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var total = gates.Evaluations;
        log.Information(
            "Verifying for {For} every {Interval} ({Total} evaluations): {Gates:l}",
            gates.For, gates.Interval, total, string.Join(", ", Names()));
        var start = time.GetTimestamp();
        var at = time.GetUtcNow();
        for (var evaluation = 1; evaluation <= total; evaluation++)
        {
            // Due on a fixed grid from the start, so a slow evaluation does not stretch the window.
            var wait = (gates.Interval * (evaluation - 1)) - time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            at = time.GetUtcNow();
            foreach (var result in await EvaluateOnceAsync(cancellationToken).ConfigureAwait(false))
            {
                var counts = result.Verdict switch
                {
                    GateVerdict.Pass => "passes",
                    GateVerdict.Fail => "FAILS",
                    _ => gates.Inconclusive == InconclusiveResult.Pass ? "is inconclusive (counted as a pass: --verify-inconclusive pass)" : "is inconclusive (counted as a failure)",
                };
                log.Information("Verify {Evaluation}/{Total} at {At:O}: {Gate:l} = {Value:l}, {Counts:l}", evaluation, total, at, result.Gate, result.Value, counts);
                if (result.Verdict == GateVerdict.Fail || (result.Verdict == GateVerdict.Inconclusive && gates.Inconclusive == InconclusiveResult.Fail))
                {
                    return new VerifyOutcome(evaluation, result, at);
                }
            }
        }

        return new VerifyOutcome(total, null, at);
    }

    private IEnumerable<string> Names() =>
        gates.Urls.Select(UrlGate.Name).Concat(gates.Queries.Select(QueryGate.Name));

    private async Task<IReadOnlyList<GateEvaluation>> EvaluateOnceAsync(CancellationToken cancellationToken)
    {
        var probes = gates.Urls.Select(url => UrlGate.ProbeAsync(http, url, ProbeTimeout, time, cancellationToken))
            .Concat(gates.Queries.Select(query => QueryGate.EvaluateAsync(http, gates.PrometheusUrl!, query, ProbeTimeout, time, cancellationToken)));
        return await Task.WhenAll(probes).ConfigureAwait(false);
    }
}
