using Deploy.Build;

namespace Deploy.Rollout.Tests.Support;

/// <summary>A build that composes the Rollout component (and through it Image, Push, Test and their dependencies).</summary>
internal sealed class RolloutBuild : DeployBuild, IRollout
{
}
