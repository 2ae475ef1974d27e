using Deploy.Build;
using Deploy.Docker.Engine;

namespace Deploy.Docker.Pushing;

/// <summary>The Push target's work: checks its inputs, then pushes what Image built.</summary>
internal static class PushRunner
{
    public static async Task<PushedImage> PushAsync(IPush build, CancellationToken cancellationToken)
    {
        var image = build.BuiltImage ?? throw new DeployException("Push found no image: the Image target did not build one. Run Image first (Push depends on it).");
        if (image.Registry is null)
        {
            throw new DeployException("The image has no registry to push to. Give --registry host[:port].");
        }

        if (PushChecks.Problems(build) is [_, ..] problems)
        {
            throw new DeployException(string.Join('\n', problems));
        }

        var config = build.DockerConfig ?? build.EnvironmentVariables.GetValueOrDefault(RegistryCredentials.ConfigVariable);
        var credentials = RegistryCredentials.For(image.Registry, build.RegistryUsername, build.RegistryPassword, config, build.EnvironmentVariables.GetValueOrDefault("HOME"));
        build.Log.Information("Pushing {Repository} ({Tags}) with credentials from {Source}", image.Repository, string.Join(", ", image.Tags), credentials.Source);
        using var client = await DockerEngine.ConnectAsync(build.DockerHost, build.EnvironmentVariables, cancellationToken).ConfigureAwait(false);
        var pushed = await new ImagePusher(client, build.Log, build.Time)
            .PushAsync(image, credentials, build.PushRetries, build.PushRetryDelay, cancellationToken).ConfigureAwait(false);
        build.Log.Information("Pushed {Reference}", pushed.Reference);
        return pushed;
    }
}
