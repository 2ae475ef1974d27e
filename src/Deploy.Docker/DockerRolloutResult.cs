namespace Deploy.Docker;

/// <summary>What a successful Docker rollout left running.</summary>
/// <param name="ContainerId">The new container's ID.</param>
/// <param name="Image">The image reference it runs.</param>
/// <param name="ImageId">The image ID (<c>sha256:…</c>) it runs.</param>
/// <param name="PreviousImageId">The image ID of the version it replaced; null when there was none.</param>
internal sealed record DockerRolloutResult(string ContainerId, string Image, string ImageId, string? PreviousImageId);
