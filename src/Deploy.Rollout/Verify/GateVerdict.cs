namespace Deploy.Rollout.Verify;

/// <summary>What one evaluation of one gate says.</summary>
internal enum GateVerdict
{
    Pass,
    Fail,
    Inconclusive,
}
