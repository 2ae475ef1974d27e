using Deploy.Rollout.Verify;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Rollout.Tests.Verify;

/// <summary>
/// Runs the evaluator on fake time: each time an evaluation has been logged (every gate's value), the clock moves on
/// one interval, so a 30 s window takes as long as its probes do, with no sleeps.
/// </summary>
internal sealed class FakeTimeGates(VerifyGates gates)
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public CapturedLog Log { get; } = new();

    public int Logged => Log.Information.Count(m => m.StartsWith("Verify ", StringComparison.Ordinal));

    /// <summary>Evaluates; <paramref name="between"/> runs after each evaluation (1-based), before the clock moves on.</summary>
    public async Task<VerifyOutcome> EvaluateAsync(Action<int>? between = null)
    {
        using var http = new HttpClient();
        var run = new GateEvaluator(gates, http, Time, Log.Logger).EvaluateAsync();
        var perEvaluation = gates.Urls.Count + gates.Queries.Count;
        for (var evaluation = 1; evaluation < gates.Evaluations; evaluation++)
        {
            // Each gate logs its value as soon as it has one; the evaluator stops at the first failure.
            await Poll.UntilAsync(() => run.IsCompleted || Logged >= evaluation * perEvaluation, TimeSpan.FromSeconds(30), $"evaluation {evaluation} logged:\n{Log}");
            if (run.IsCompleted)
            {
                break;
            }

            between?.Invoke(evaluation);
            Time.Advance(gates.Interval);
        }

        return await run.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
