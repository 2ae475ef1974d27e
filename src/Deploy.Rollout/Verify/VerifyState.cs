using Deploy.Build;

namespace Deploy.Rollout.Verify;

/// <summary>Per-build state of the verification component.</summary>
internal sealed class VerifyState
{
    /// <summary>How the gates went; null until Verify ran.</summary>
    public VerifyOutcome? Outcome { get; set; }

    /// <summary>What the rollback after a failed gate left running; null when there was none.</summary>
    public Deployed? RolledBackTo { get; set; }

    public static VerifyState Of(IDeployBuild build) => build.GetState<VerifyState>();
}
