using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Deploy.Rollout.Docker;

/// <summary>
/// Waits until a new container is healthy: its health URL answers 2xx, or, with no URL given and a HEALTHCHECK in
/// the image, Docker reports it healthy. Fails as soon as the container exits or Docker reports it unhealthy.
/// </summary>
internal sealed class HealthWait(IDockerClient docker, ILogger log, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task UntilHealthyAsync(string containerId, DockerRolloutRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var http = new HttpClient { Timeout = ProbeTimeout };
        string? lastProbe = null;
        while (true)
        {
            var container = await docker.Containers.InspectContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
            var state = container.State;
            if (!state.Running || state.Restarting)
            {
                throw new RolloutException(
                    $"the new container exited with code {state.ExitCode.ToString(CultureInfo.InvariantCulture)}{(string.IsNullOrEmpty(state.Error) ? "" : $" ({state.Error})")} before it became healthy.");
            }

            var url = request.HealthUrl;
            if (url is null && state.Health is { } health)
            {
                if (health.Status == "healthy")
                {
                    log.Information("The image's HEALTHCHECK reports healthy");
                    return;
                }

                if (health.Status == "unhealthy")
                {
                    var output = health.Log?.LastOrDefault()?.Output?.Trim();
                    throw new RolloutException($"the image's HEALTHCHECK reports unhealthy{(string.IsNullOrEmpty(output) ? "" : $": {output}")}.");
                }

                lastProbe = $"HEALTHCHECK is '{health.Status}'";
            }
            else
            {
                url ??= DefaultHealthUrl(request);
                var probe = await ProbeAsync(http, url, cancellationToken).ConfigureAwait(false);
                if (probe is null)
                {
                    log.Information("{Url} answered 2xx", url);
                    return;
                }

                lastProbe = probe;
            }

            if (time.GetElapsedTime(started) >= request.Timeout)
            {
                throw new RolloutException(
                    $"the new container did not become healthy within {request.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (last check: {lastProbe}). Raise --rollout-timeout if it needs longer to start.");
            }

            await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Where the service answers from the host: the published port, else (host networking) its own.</summary>
    public static Uri DefaultHealthUrl(DockerRolloutRequest request) =>
        new($"http://127.0.0.1:{(request.Publish?.HostPort ?? request.Port).ToString(CultureInfo.InvariantCulture)}/healthz");

    /// <summary>Null when <paramref name="url"/> answered 2xx, else what it did instead.</summary>
    private static async Task<string?> ProbeAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException failure)
        {
            return $"{url}: {failure.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{url} did not answer within {ProbeTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
    }
}
