using Deploy.Build;
using Deploy.Docker.Engine;

namespace Deploy.Docker.Pushing;

/// <summary>The Push target's work: checks its inputs, then pushes what Image built.</summary>
internal static class PushPlan
{
    public static async Task<PushedImage> PushAsync(IPush build, CancellationToken cancellationToken)
    {
        var image = build.BuiltImage ?? throw new DeployException("Push found no image: the Image target did not build one. Run Image first (Push depends on it).");
        if (image.Registry is null)
        {
            throw new DeployException("The image has no registry to push to. Give --registry host[:port].");
        }

        if (build.PushRetries is < 0 or > 20)
        {
            throw new DeployException($"--push-retries {build.PushRetries} is out of range. Give 0 to 20.");
        }

        var credentials = RegistryCredentials.For(image.Registry, build.RegistryUsername, build.RegistryPassword, build.DockerConfig);
        build.Log.Information("Pushing {Repository} ({Tags}) with credentials from {Source}", image.Repository, string.Join(", ", image.Tags), credentials.Source);
        using var client = await DockerEngine.ConnectAsync(build.DockerHost, cancellationToken).ConfigureAwait(false);
        var pushed = await new ImagePusher(client, build.Log, TimeProvider.System)
            .PushAsync(image, credentials, build.PushRetries, build.PushRetryDelay, cancellationToken).ConfigureAwait(false);
        build.Log.Information("Pushed {Reference}", pushed.Reference);
        return pushed;
    }
}
