using Deploy.Build;

namespace Deploy.DotNet.Toolchains;

/// <summary>
/// What the toolchain targets hand on to later ones, kept per build instance (components cannot have fields;
/// no static state, so builds can run side by side).
/// </summary>
internal sealed class ToolchainState
{
    public PublishedService? Published { get; set; }

    public TestSummary? TestResults { get; set; }

    public static ToolchainState Of(IDeployBuild build) => build.GetState<ToolchainState>();
}
