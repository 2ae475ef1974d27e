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

    /// <summary>The service's files (absolute), listed once per run by <see cref="ServiceInputs.ListAsync"/>.</summary>
    public IReadOnlyList<string>? ServiceFiles { get; set; }

    /// <summary>The toolchain's version, asked once per run.</summary>
    public string? ToolVersion { get; set; }

    /// <summary>
    /// Whether Compile ran in this run (it builds the tests too). When it was up to date, Test builds what changed
    /// itself: a changed test file is not an input of Compile.
    /// </summary>
    public bool Compiled { get; set; }

    public static ToolchainState Of(IDeployBuild build) => build.GetState<ToolchainState>();
}
