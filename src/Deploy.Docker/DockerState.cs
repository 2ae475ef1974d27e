using Deploy.Build;

namespace Deploy.Docker;

/// <summary>What Image and Push hand on to later targets, per build instance (components cannot hold fields).</summary>
internal sealed class DockerState
{
    public ContainerImage? Built { get; set; }

    public PushedImage? Pushed { get; set; }

    public static DockerState Of(IDeployBuild build) => build.GetState<DockerState>();
}
