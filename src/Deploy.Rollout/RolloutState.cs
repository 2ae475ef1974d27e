using Deploy.Build;

namespace Deploy.Rollout;

/// <summary>Per-build state of the rollout component.</summary>
internal sealed class RolloutState
{
    public Deployed? Deployed { get; set; }

    public static RolloutState Of(IDeployBuild build) => build.GetState<RolloutState>();
}
