namespace Deploy.Rollout.Verify;

/// <summary>How the gates went: passed over the whole window, or the first evaluation that failed, with when.</summary>
/// <param name="Evaluations">How many evaluations ran (the failed one included).</param>
/// <param name="Failure">The failed gate's evaluation; null when every gate passed every time.</param>
/// <param name="At">When the failed evaluation ran (or the last one, when all passed).</param>
internal sealed record VerifyOutcome(int Evaluations, GateEvaluation? Failure, DateTimeOffset At)
{
    public bool Passed => Failure is null;
}
