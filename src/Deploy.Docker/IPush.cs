using Deploy.Build;
using Deploy.Docker.Pushing;

namespace Deploy.Docker;

/// <summary>
/// The <c>Push</c> target: pushes the built image's tags to <see cref="IImage.Registry"/> and keeps the digest the
/// registry reported (<see cref="Pushed"/>) for Rollout to deploy by. It depends on <c>Image</c> only, so it
/// overlaps <c>Test</c>. Skipped when no registry is given: the image then stays in the local engine.
/// Credentials: <see cref="RegistryUsername"/> and <see cref="RegistryPassword"/>, else the registry's <c>auths</c>
/// entry in <c>$DOCKER_CONFIG/config.json</c> (default <c>~/.docker/config.json</c>).
/// </summary>
public interface IPush : IImage
{
    [Parameter("Registry user, with --registry-password (default: the registry's entry in DOCKER_CONFIG/config.json)")]
    string? RegistryUsername => GetParameter<string>();

    [Parameter("Registry password or token"), Secret]
    string? RegistryPassword => GetParameter<string>();

    [Parameter("Directory of the Docker CLI config.json holding registry credentials under auths (default: DOCKER_CONFIG, else ~/.docker)", Convention = RegistryCredentials.ConfigVariable)]
    string? DockerConfig => GetParameter<string>();

    [Parameter("Retries of a transient push failure (5xx, refused or reset connection, timeout), with exponential back-off")]
    int PushRetries => GetParameter<int?>() ?? 3;

    [Parameter("First push retry delay; it doubles with each retry")]
    TimeSpan PushRetryDelay => GetParameter<TimeSpan?>() ?? TimeSpan.FromSeconds(1);

    /// <summary>What <see cref="Push"/> pushed (the digest to deploy by); null until it ran, and when it was skipped.</summary>
    PushedImage? Pushed => DockerState.Of(this).Pushed;

    /// <summary>Pushes the image and records its digest.</summary>
    Target Push => _ => _
        .Description("Push the image to --registry and record its digest")
        .DependsOn<IImage>(x => x.Image)
        .OnlyWhenStatic(() => Registry is not null, "--registry is not given, so the image stays in the local engine")
        .Validates(() => PushChecks.Problems(this))
        .Preflight(ct => Engine.DockerEngine.PingAsync(DockerHost, EnvironmentVariables, ct))
        .Produces("digest", () => Pushed?.Digest)
        .Produces("image", () => Pushed?.Reference)
        .Outputs(() => Pushed, pushed => DockerState.Of(this).Pushed = pushed)
        .Timeout(TimeSpan.FromHours(1))
        .Executes(async ct => DockerState.Of(this).Pushed = await PushRunner.PushAsync(this, ct).ConfigureAwait(false));
}
