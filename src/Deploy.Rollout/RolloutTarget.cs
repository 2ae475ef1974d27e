namespace Deploy.Rollout;

/// <summary>Where <c>Rollout</c> deploys the image.</summary>
public enum RolloutTarget
{
    /// <summary>A container on the Docker engine the image was built on (the embedded default).</summary>
    Docker,

    /// <summary>A Deployment in a Kubernetes cluster.</summary>
    Kubernetes,
}
