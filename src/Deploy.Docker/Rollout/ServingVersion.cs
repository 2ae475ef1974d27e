using Docker.DotNet.Models;

namespace Deploy.Docker.Rollout;

/// <summary>The container that serves the service before a rollout; parked when an interrupted rollout left it as <c>NAME-previous</c>.</summary>
internal readonly record struct ServingVersion(ContainerInspectResponse? Container, bool Parked);
