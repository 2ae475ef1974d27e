using Deploy.Build;
using Deploy.Docker;
using Deploy.Rollout.Verify;

namespace Deploy.Rollout.Tests.Support;

/// <summary>
/// A build that composes the verification gates (and through them Rollout and its dependencies); with an image
/// given, Rollout runs with its dependencies skipped (<c>Rollout Verify --skip</c>).
/// </summary>
internal sealed class VerifyBuild(ContainerImage? image = null) : DeployBuild, IVerify
{
    ContainerImage? IImage.BuiltImage => image;

    public Deployed? LastDeployed => ((IRollout)this).Deployed;
}
