using System.Net.Sockets;
using Deploy.Build.Retries;
using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Deploy.Docker.Pushing;

/// <summary>
/// Pushes an image's tags through the engine and returns the digest the registry reported. Transient failures
/// (5xx, refused or reset connections, timeouts) are retried with exponential back-off and jitter; refused
/// credentials are not.
/// </summary>
internal sealed class ImagePusher(DockerClient client, ILogger log, TimeProvider time)
{
    /// <summary>Pushes every tag of <paramref name="image"/>.</summary>
    /// <exception cref="RegistryAuthenticationException">The registry refused the credentials.</exception>
    /// <exception cref="ImagePushFailedException">Any other failure, after the retries when it looked transient.</exception>
    public async Task<PushedImage> PushAsync(
        ContainerImage image, RegistryCredentials credentials, int retries, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        var registry = image.Registry ?? throw new InvalidOperationException("An image without a registry cannot be pushed.");
        var auth = new AuthConfig
        {
            Username = credentials.Username,
            Password = credentials.Password,
            IdentityToken = credentials.IdentityToken,
            ServerAddress = registry,
        };
        string? digest = null;
        var held = await PushedDigestsAsync(image, cancellationToken).ConfigureAwait(false);
        var manifests = new RegistryManifests(log, time);
        foreach (var tag in image.Tags)
        {
            var reference = $"{image.Repository}:{tag}";
            if (held.Count > 0 && await manifests.DigestAsync(registry, image.Repository[(registry.Length + 1)..], tag, credentials, cancellationToken).ConfigureAwait(false) is { } there
                && held.Contains(there))
            {
                log.Information("{Reference} is already in the registry as {Digest}: not pushed again", reference, there);
                digest ??= there;
                continue;
            }

            var attempts = 0;
            try
            {
                var pushed = await Retry.RunAsync(
                    new RetryOptions($"push {reference}", retries, delay, e => e is TransientPushException, time, log),
                    async token =>
                    {
                        attempts++;
                        return await PushOnceAsync(image.Repository, tag, reference, registry, auth, credentials, token).ConfigureAwait(false);
                    },
                    cancellationToken).ConfigureAwait(false);
                digest ??= pushed;
            }
            catch (TransientPushException e)
            {
                throw new ImagePushFailedException(
                    reference,
                    $"Pushing '{reference}' to the registry '{registry}' failed {attempts} time(s), the last time with: {e.Message}. " +
                    "Check that the registry is up and reachable from the Docker engine, then run again (--push-retries sets how often it is retried).",
                    e);
            }
        }

        return new PushedImage(image.Repository, digest!, image.Tags);
    }

    /// <summary>
    /// The digests this image was pushed to its repository under (the engine's RepoDigests): a tag the registry says
    /// names one of them already holds this image. None: it was never pushed from this engine.
    /// </summary>
    private async Task<HashSet<string>> PushedDigestsAsync(ContainerImage image, CancellationToken cancellationToken)
    {
        try
        {
            var inspected = await client.Images.InspectImageAsync(image.ImageId, cancellationToken).ConfigureAwait(false);
            return (inspected.RepoDigests ?? [])
                .Where(d => d.StartsWith(image.Repository + "@", StringComparison.Ordinal))
                .Select(d => d[(image.Repository.Length + 1)..])
                .ToHashSet(StringComparer.Ordinal);
        }
        catch (DockerApiException exception)
        {
            log.Debug("Could not read the pushed digests of {ImageId} ({Message}), so it is pushed", image.ImageId, exception.Message);
            return [];
        }
    }

    private async Task<string> PushOnceAsync(
        string repository, string tag, string reference, string registry, AuthConfig auth, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        var monitor = new PushMonitor(log);
        try
        {
            await client.Images.PushImageAsync(repository, new ImagePushParameters { Tag = tag }, auth, monitor, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw Classify(Building.ImageBuilder.DaemonMessage(e), reference, registry, credentials, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException && !cancellationToken.IsCancellationRequested)
        {
            throw new TransientPushException($"the connection to the Docker engine failed ({e.Message})", e);
        }

        if (monitor.Error is { } error)
        {
            throw Classify(error, reference, registry, credentials, null);
        }

        var digest = monitor.Digest ?? throw new ImagePushFailedException(
            reference, $"The push of '{reference}' finished but the engine reported no digest. Check the registry '{registry}' with `docker manifest inspect {reference}`.");
        log.Information("Pushed {Reference} as {Digest}", reference, digest);
        return digest;
    }

    private static Exception Classify(string error, string reference, string registry, RegistryCredentials credentials, Exception? cause)
    {
        if (PushFailure.IsAuthentication(error))
        {
            return new RegistryAuthenticationException(reference, registry, error, credentials.Source);
        }

        return PushFailure.IsTransient(error)
            ? new TransientPushException(error, cause)
            : new ImagePushFailedException(reference, $"Pushing '{reference}' to the registry '{registry}' failed: {error}. This does not look transient, so it was not retried.", cause);
    }
}
