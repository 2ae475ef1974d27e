using Deploy.Build;

namespace Deploy.Git.Clone;

/// <summary>
/// The typed state Clone leaves for later targets. Components are interfaces and cannot hold fields, so the
/// state hangs off the build instance: one per build object, collected with it, never shared between runs.
/// </summary>
internal sealed class GitState
{
    public GitCheckout? Checkout { get; set; }

    public static GitState Of(IDeployBuild build) => build.GetState<GitState>();
}
