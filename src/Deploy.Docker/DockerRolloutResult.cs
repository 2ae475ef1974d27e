namespace Deploy.Docker;

/// <summary>
/// What a Docker rollout left running: for the run record, and for undoing it later
/// (<see cref="DockerRollout.RollBackAsync"/>, when a verification after the rollout finds the new version bad).
/// </summary>
public sealed record DockerRolloutResult
{
    /// <summary>The service's container name.</summary>
    public required string ContainerName { get; init; }

    /// <summary>The new container's ID.</summary>
    public required string ContainerId { get; init; }

    /// <summary>The image reference it runs, as the request gave it.</summary>
    public required string Image { get; init; }

    /// <summary>The image ID (<c>sha256:…</c>) it runs.</summary>
    public required string ImageId { get; init; }

    /// <summary>The image ID of the version it replaced; null when there was none.</summary>
    public string? PreviousImageId { get; init; }

    /// <summary>
    /// With <see cref="DockerRolloutRequest.KeepPrevious"/>: the replaced version's container, stopped and named
    /// <c>NAME-previous</c>, which <see cref="DockerRollout.RollBackAsync"/> puts back. Null when it was not kept (or
    /// there was none), and once it was put back or removed.
    /// </summary>
    public string? PreviousContainerId { get; init; }

    /// <summary>Whether <see cref="DockerRollout.RollBackAsync"/> undid the rollout: the new container is gone, the previous version (if any) runs again.</summary>
    public bool RolledBack { get; init; }

    /// <summary>Whether the container already ran this image with this configuration and was healthy, so nothing was changed.</summary>
    public bool Unchanged { get; init; }
}
