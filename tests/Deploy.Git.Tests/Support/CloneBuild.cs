using Deploy.Build;

namespace Deploy.Git.Tests.Support;

/// <summary>A build with nothing but the Clone component.</summary>
public sealed class CloneBuild : DeployBuild, IClone
{
    public GitCheckout? Result => ((IClone)this).Checkout;
}
