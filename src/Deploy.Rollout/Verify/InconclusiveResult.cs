namespace Deploy.Rollout.Verify;

/// <summary>What an inconclusive query gate counts as: an empty result, or Prometheus not answering.</summary>
public enum InconclusiveResult
{
    /// <summary>The gate fails and the rollout is rolled back (the default: no evidence is not good evidence).</summary>
    Fail,

    /// <summary>The evaluation is logged as inconclusive and the gate goes on.</summary>
    Pass,
}
