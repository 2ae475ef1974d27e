using Docker.DotNet;
using Docker.DotNet.Models;
using Serilog;

namespace Deploy.Docker.Rollout;

/// <summary>
/// Replaces the running version of a service on a Docker engine with a new image, and puts the previous version
/// back when the new one does not become healthy, exits, or the rollout is cancelled.
/// </summary>
/// <remarks>
/// With host networking two versions cannot listen on the same port at once, so this is stop-then-start: the
/// previous container is stopped and parked as <c>NAME-previous</c>, the new one is created as <c>NAME</c> and
/// must prove itself within the timeout (<see cref="HealthWait"/>); only then is the previous one removed. Any
/// failure removes the new container, renames the previous one back and starts it again if it was running.
/// With host networking the port is the service's only when no other process holds it: <see cref="PortGuard"/>
/// checks that before anything is stopped, once the previous version stopped, and while the health check runs.
/// With <see cref="DockerRolloutRequest.KeepPrevious"/> the previous container stays (stopped, <c>NAME-previous</c>)
/// after success, for <see cref="RollBackAsync"/>; the new container's <see cref="PreviousLabel"/> names it.
/// </remarks>
internal sealed partial class RolloutRun(IDockerClient docker, ILogger log, TimeProvider time)
{
    private static readonly TimeSpan RestoreLimit = TimeSpan.FromSeconds(60);

    /// <summary>The label on a new container that names the container it replaced, so a kept previous version is known as such later.</summary>
    public const string PreviousLabel = "deploy.previous";

    /// <summary>The label on a container holding <see cref="ConfigHash"/> of the request that created it.</summary>
    public const string ConfigLabel = "deploy.config";

    /// <summary>Rolls <paramref name="request"/> out; throws <see cref="DockerRolloutException"/> after restoring on failure.</summary>
    public async Task<DockerRolloutResult> RunAsync(DockerRolloutRequest request, CancellationToken cancellationToken)
    {
        var imageId = await EnsureImageAsync(request.Image, cancellationToken).ConfigureAwait(false);
        var serving = await FindServingVersionAsync(request, cancellationToken).ConfigureAwait(false);
        if (!request.Force && await AlreadyServingAsync(request, serving, imageId, cancellationToken).ConfigureAwait(false) is { } unchanged)
        {
            return unchanged;
        }
        if (request.PortMapping is null)
        {
            PortGuard.BeforeChange(request, serving.Container);
        }

        var previous = await ParkAsync(request, serving, cancellationToken).ConfigureAwait(false);

        string? newId = null;
        try
        {
            if (request.PortMapping is null)
            {
                PortGuard.FreeBeforeStart(request.Port);
            }

            newId = await CreateAsync(request, previous, cancellationToken).ConfigureAwait(false);
            log.Information("Starting {Name} from {Image}", request.ContainerName, request.Image);
            await docker.Containers.StartContainerAsync(newId, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            await new HealthWait(docker, log, time).UntilHealthyAsync(newId, request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is DockerRolloutException or OperationCanceledException or DockerApiException or HttpRequestException)
        {
            var logs = newId is null ? "" : await TailLogsAsync(newId).ConfigureAwait(false);
            var restored = await RestoreAsync(request, newId, previous, start: previous?.State.Running == true).ConfigureAwait(false);
            if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"The rollout of '{request.Image}' was cancelled; the previous version was {(restored ? "restored" : "NOT restored")}.", failure, cancellationToken);
            }

            throw new DockerRolloutException(DescribeFailure(request, failure, logs, previous, restored), failure) { PreviousVersionRestored = restored };
        }

        await docker.Containers.UpdateContainerAsync(
            newId,
            new ContainerUpdateParameters { RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped } },
            cancellationToken).ConfigureAwait(false);
        var kept = previous is not null && request.KeepPrevious;
        if (previous is not null && !kept)
        {
            await docker.Containers.RemoveContainerAsync(previous.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ConfigureAwait(false);
        }

        var created = await docker.Containers.InspectContainerAsync(newId, cancellationToken).ConfigureAwait(false);
        log.Information("{Name} is healthy and serving {Image}", request.ContainerName, request.Image);
        if (kept)
        {
            log.Information("Keeping the previous version ({Image}) as '{Parked}' until the rollout is accepted or rolled back", previous!.Image, request.PreviousName);
        }

        return new DockerRolloutResult
        {
            ContainerName = request.ContainerName,
            ContainerId = newId,
            Image = request.Image,
            ImageId = created.Image,
            PreviousImageId = previous?.Image,
            PreviousContainerId = kept ? previous!.ID : null,
        };
    }

    /// <summary>
    /// The result of a rollout that changes nothing: the container runs <paramref name="imageId"/> with the request's
    /// configuration (<see cref="ConfigLabel"/>), proved healthy once (its restart policy says so), and is healthy now.
    /// Null: it is rolled out.
    /// </summary>
    private async Task<DockerRolloutResult?> AlreadyServingAsync(DockerRolloutRequest request, ServingVersion serving, string imageId, CancellationToken cancellationToken)
    {
        if (serving is not { Container: { } current, Parked: false }
            || current.Image != imageId
            || !current.State.Running || current.State.Restarting
            || current.HostConfig?.RestartPolicy?.Name != RestartPolicyKind.UnlessStopped
            || current.Config?.Labels is not { } labels || !labels.TryGetValue(ConfigLabel, out var config) || config != ConfigHash(request))
        {
            return null;
        }

        if (await HealthWait.ProblemNowAsync(current, request, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            log.Information("{Name} runs {Image} but is not healthy ({Problem}), so it is replaced", request.ContainerName, request.Image, problem);
            return null;
        }

        log.Information("{Name} already runs {Image} and is healthy: nothing to roll out (--force Rollout redeploys)", request.ContainerName, request.Image);
        return new DockerRolloutResult
        {
            ContainerName = request.ContainerName,
            ContainerId = current.ID,
            Image = request.Image,
            ImageId = imageId,
            Unchanged = true,
        };
    }

    /// <summary>The image's ID, pulled first when the engine lacks it.</summary>
    private async Task<string> EnsureImageAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            return (await docker.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (DockerImageNotFoundException)
        {
        }

        log.Information("Pulling {Image}", image);
        try
        {
            await docker.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = image }, authConfig: null, new Progress<JSONMessage>(), cancellationToken).ConfigureAwait(false);
            return (await docker.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (DockerApiException pullFailure)
        {
            throw new DockerRolloutException(
                $"The image '{image}' is neither in the Docker engine nor could it be pulled ({FirstLine(pullFailure.ResponseBody)}). Nothing was changed: build it (the Image target) or push it where the engine can pull it.",
                pullFailure)
            { PreviousVersionRestored = true };
        }
    }

    private async Task<string> CreateAsync(DockerRolloutRequest request, ContainerInspectResponse? previous, CancellationToken cancellationToken)
    {
        // No restart policy until it proved healthy: a restart then is a failure to see, not to paper over.
        var hostConfig = new HostConfig { RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No } };
        var labels = request.Labels.ToDictionary();
        labels[ConfigLabel] = ConfigHash(request);
        if (previous is not null)
        {
            labels[PreviousLabel] = previous.ID;
        }

        var parameters = new CreateContainerParameters
        {
            Name = request.ContainerName,
            Image = request.Image,
            Env = ContainerEnvironment(request),
            Labels = labels,
            HostConfig = hostConfig,
        };
        if (request.PortMapping is { } publish)
        {
            var port = $"{publish.ContainerPort}/tcp";
            parameters.ExposedPorts = new Dictionary<string, EmptyStruct> { [port] = default };
            hostConfig.PortBindings = new Dictionary<string, IList<PortBinding>> { [port] = [new PortBinding { HostPort = publish.HostPort.ToString(System.Globalization.CultureInfo.InvariantCulture) }] };
        }
        else
        {
            hostConfig.NetworkMode = "host";
        }

        var created = await docker.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false);
        return created.ID;
    }

    /// <summary>
    /// <c>PORT</c>, and <c>ASPNETCORE_HTTP_PORTS</c> for ASP.NET Core (8+), which ignores <c>PORT</c>
    /// (https://learn.microsoft.com/aspnet/core/fundamentals/servers/kestrel/endpoints), unless the service's own
    /// variables say where it listens (either of the two, or <c>ASPNETCORE_URLS</c>); then the request's variables.
    /// </summary>
    private static List<string> ContainerEnvironment(DockerRolloutRequest request)
    {
        var port = request.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var given = request.Environment.Select(variable => variable.Split('=', 2)[0]).ToHashSet(StringComparer.Ordinal);
        var variables = new List<string>();
        if (!given.Contains("PORT"))
        {
            variables.Add($"PORT={port}");
        }

        if (!given.Contains("ASPNETCORE_HTTP_PORTS") && !given.Contains("ASPNETCORE_URLS"))
        {
            variables.Add($"ASPNETCORE_HTTP_PORTS={port}");
        }

        variables.AddRange(request.Environment);
        return variables;
    }

    /// <summary>
    /// What the container is created with besides its image (environment, ports or host networking, labels), hashed:
    /// the same hash on the running container means a rollout of the same image would change nothing.
    /// </summary>
    private static string ConfigHash(DockerRolloutRequest request)
    {
        var text = new System.Text.StringBuilder();
        foreach (var variable in ContainerEnvironment(request))
        {
            text.Append("env\0").Append(variable).Append('\n');
        }

        text.Append("publish\0").Append(request.PortMapping is { } p ? $"{p.HostPort}:{p.ContainerPort}" : "host").Append('\n');
        foreach (var (name, value) in request.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            text.Append("label\0").Append(name).Append('=').Append(value).Append('\n');
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string DescribeFailure(DockerRolloutRequest request, Exception failure, string logs, ContainerInspectResponse? previous, bool restored)
    {
        var state = previous is null
            ? "There was no previous version; the failed container was removed."
            : restored
                ? $"The previous version ({Short(previous.Image)}) is running again as '{request.ContainerName}'."
                : $"The previous version ({Short(previous.Image)}) could NOT be restored: look for the container '{request.PreviousName}' and rename it to '{request.ContainerName}'.";
        var message = $"Rollout of '{request.Image}' as '{request.ContainerName}' failed: {failure.Message} {state}";
        return logs.Length == 0 ? message : $"{message}{Environment.NewLine}Last lines of the failed container's log:{Environment.NewLine}{logs}";
    }

    /// <summary>An image ID as <c>sha256:</c> and 12 digits, a container ID as 12 digits: as <c>docker ps</c> shows them.</summary>
    private static string Short(string id) =>
        id.StartsWith("sha256:", StringComparison.Ordinal) && id.Length > 19 ? id[..19] : id.Length == 64 ? id[..12] : id;

    private static string FirstLine(string? text) => (text ?? "").Split('\n', 2)[0].Trim();
}
