namespace Deploy.Rollout.Verify;

/// <summary>One gate's answer at one evaluation: what it showed, and whether that passes, fails or proves nothing.</summary>
/// <param name="Gate">The gate as the user gave it: <c>--verify-url URL</c> or <c>--verify-query 'PROMQL'</c>.</param>
/// <param name="Value">What it showed: the status code, the samples' values, or why there was none.</param>
/// <param name="Verdict">Pass, fail, or inconclusive (an empty result, or Prometheus not answering).</param>
internal sealed record GateEvaluation(string Gate, string Value, GateVerdict Verdict);
