using System.Globalization;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Deploy.Docker.Rollout;

/// <summary>
/// Waits until a new container is healthy: it runs and has not restarted, its health URL answers 2xx (or, with no
/// URL given and a HEALTHCHECK in the image, Docker reports it healthy), with host networking the port is held by
/// its processes and no other's, and all that holds for <see cref="RequiredPasses"/> checks in a row, the container
/// still running and not restarted after the last. Fails as soon as the container exits or restarts, whatever
/// answered on the port, or another process holds the port.
/// </summary>
internal sealed class HealthWait(IDockerClient docker, ILogger log, TimeProvider time)
{
    /// <summary>Checks in a row that must pass: one answer is not a service that stays up.</summary>
    public const int RequiredPasses = 3;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    // How many more times a running container whose processes this machine does not see is inspected (an
    // Interval apart) before it counts as one of an engine elsewhere.
    private const int UnseenLooks = 10;
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    // Whether the health check answered yet, so that a container that stops says whether it stopped after it did.
    private bool _answered;

    public async Task UntilHealthyAsync(string containerId, DockerRolloutRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var http = new HttpClient { Timeout = ProbeTimeout };
        var first = await docker.Containers.InspectContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
        var startedAt = first.State.StartedAt;
        ThrowIfStopped(first, startedAt);
        var processes = request.PortMapping is null ? await ProcessesOfAsync(first, startedAt, request, cancellationToken).ConfigureAwait(false) : null;
        var passes = 0;
        string? lastCheck = null;
        while (true)
        {
            var container = await docker.Containers.InspectContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
            ThrowIfStopped(container, startedAt);
            if (passes == RequiredPasses)
            {
                return;
            }

            var problem = await CheckAsync(http, container, request, processes, report: passes == 0, cancellationToken).ConfigureAwait(false);
            if (problem is null)
            {
                passes++;
            }
            else
            {
                passes = 0;
                lastCheck = problem;
                if (time.GetElapsedTime(started) >= request.Timeout)
                {
                    throw new DockerRolloutException(
                        $"the new container did not become healthy within {request.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (last check: {lastCheck}). Raise --rollout-timeout if it needs longer to start.");
                }
            }

            await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One look at a container that already serves: null when its health check passes now (the image's HEALTHCHECK
    /// reports healthy, or the health URL answers 2xx), else what it found.
    /// </summary>
    public static async Task<string?> ProblemNowAsync(ContainerInspectResponse container, DockerRolloutRequest request, CancellationToken cancellationToken)
    {
        if (request.HealthUrl is null && container.State.Health is { } health)
        {
            return health.Status == "healthy" ? null : $"HEALTHCHECK is '{health.Status}'";
        }

        using var http = new HttpClient { Timeout = ProbeTimeout };
        return await ProbeAsync(http, request.HealthUrl ?? DefaultHealthUrl(request), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the service answers from the host: the published port, else (host networking) its own.</summary>
    public static Uri DefaultHealthUrl(DockerRolloutRequest request) =>
        new($"http://127.0.0.1:{(request.PortMapping?.HostPort ?? request.Port).ToString(CultureInfo.InvariantCulture)}/healthz");

    /// <summary>The new container's processes, to check who holds its port (host networking).</summary>
    private async Task<ContainerProcesses> ProcessesOfAsync(ContainerInspectResponse container, string startedAt, DockerRolloutRequest request, CancellationToken cancellationToken)
    {
        // A process that just exited is gone from /proc before the engine notices and reports the container
        // stopped: look again a few times, so that a crash is reported as the crash it is, and only a container
        // that keeps running unseen counts as one whose engine runs elsewhere.
        for (var look = 0; ; look++)
        {
            if (ContainerProcesses.Find(container) is { } found)
            {
                return found;
            }

            container = await docker.Containers.InspectContainerAsync(container.ID, cancellationToken).ConfigureAwait(false);
            ThrowIfStopped(container, startedAt);
            if (look == UnseenLooks)
            {
                return PortGuard.NewVersion(request, container);
            }

            await Task.Delay(Interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A container that exited or restarted is a failed rollout, whatever answers on its port.</summary>
    private void ThrowIfStopped(ContainerInspectResponse container, string startedAt)
    {
        var state = container.State;
        var after = _answered ? "after it answered the health check" : "before it became healthy";
        if (state.Restarting || container.RestartCount > 0 || state.StartedAt != startedAt)
        {
            throw new DockerRolloutException(
                $"the new container restarted {after} (restart count {container.RestartCount.ToString(CultureInfo.InvariantCulture)}, last exit code {state.ExitCode.ToString(CultureInfo.InvariantCulture)}): a version that restarts is not healthy.");
        }

        if (!state.Running)
        {
            throw new DockerRolloutException(
                $"the new container exited with code {state.ExitCode.ToString(CultureInfo.InvariantCulture)}{(string.IsNullOrEmpty(state.Error) ? "" : $" ({state.Error})")} {after}.");
        }
    }

    /// <summary>Null when this check passed, else what it found instead; throws when the check shows the rollout failed.</summary>
    private async Task<string?> CheckAsync(HttpClient http, ContainerInspectResponse container, DockerRolloutRequest request, ContainerProcesses? processes, bool report, CancellationToken cancellationToken)
    {
        var url = request.HealthUrl;
        if (url is null && container.State.Health is { } health)
        {
            if (health.Status == "unhealthy")
            {
                var output = health.Log?.LastOrDefault()?.Output?.Trim();
                throw new DockerRolloutException($"the image's HEALTHCHECK reports unhealthy{(string.IsNullOrEmpty(output) ? "" : $": {output}")}.");
            }

            if (health.Status != "healthy")
            {
                return $"HEALTHCHECK is '{health.Status}'";
            }
        }
        else
        {
            url ??= DefaultHealthUrl(request);
            if (await ProbeAsync(http, url, cancellationToken).ConfigureAwait(false) is { } failed)
            {
                return failed;
            }
        }

        _answered = true;

        if (processes is not null)
        {
            // Host networking: the answer counts only if it came from the new container.
            foreach (var port in PortsToOwn(request, url))
            {
                if (PortGuard.HeldByNewVersion(port, processes) is { } notYet)
                {
                    return notYet;
                }
            }
        }

        if (report && url is null)
        {
            log.Information("The image's HEALTHCHECK reports healthy");
        }
        else if (report)
        {
            log.Information("{Url} answered 2xx{Owner:l}", url, processes is null ? "" : $", and port {request.Port.ToString(CultureInfo.InvariantCulture)} is held by the new container");
        }

        return null;
    }

    /// <summary>The service's port, and the health URL's when it is another port of this machine.</summary>
    private static IEnumerable<int> PortsToOwn(DockerRolloutRequest request, Uri? url)
    {
        yield return request.Port;
        if (url is not null && url.Port != request.Port && (url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address))))
        {
            yield return url.Port;
        }
    }

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
