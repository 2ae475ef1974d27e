using Deploy.Docker.Rollout;
using Deploy.Docker.Tests.Fixtures;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Deploy.Docker.Tests.Support;

/// <summary>
/// One service on the test engine: a unique container name and a free port, rollouts of the test images to it
/// (through <see cref="DockerRollout"/>), and what it serves. Removes its containers at the end.
/// </summary>
internal sealed class RolloutScenario(DockerFixture engine) : IAsyncDisposable
{
    private readonly IDockerClient docker = engine.Client;

    public string Name { get; } = $"rollout-test-{Guid.NewGuid().ToString("N")[..8]}";

    public int Port { get; } = FreePort.Next();

    public IDockerClient Docker => docker;

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    private readonly CapturedLog _log = new();

    /// <summary>What the rollouts of this scenario logged, rendered.</summary>
    public IReadOnlyList<string> LogLines => _log.Messages;

    public DockerRolloutRequest Request(string image, TimeSpan? timeout = null, Uri? healthUrl = null) => new()
    {
        ContainerName = Name,
        Image = image,
        Port = Port,
        HealthUrl = healthUrl,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
        Labels = new Dictionary<string, string> { ["deploy.test"] = "true" },
        DockerHost = engine.Daemon.Host,
        TimeProvider = TimeProvider.System,
    };

    public Task<DockerRolloutResult> RollOutAsync(string image, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RollOutAsync(Request(image, timeout), cancellationToken);

    public Task<DockerRolloutResult> RollOutAsync(DockerRolloutRequest request, CancellationToken cancellationToken = default) =>
        DockerRollout.RunAsync(request, _log.Logger, cancellationToken);

    public Task<DockerRolloutResult> RollBackAsync(DockerRolloutRequest request, DockerRolloutResult result) =>
        DockerRollout.RollBackAsync(request, result, _log.Logger);

    public Task<DockerRolloutResult> RemovePreviousAsync(DockerRolloutRequest request, DockerRolloutResult result) =>
        DockerRollout.RemovePreviousAsync(request, result, _log.Logger);

    /// <summary>
    /// Runs <paramref name="image"/> as this scenario's container with host networking, its port in PORT and a
    /// restart policy (which a rollout does not give a new version before it is healthy), and returns its ID.
    /// </summary>
    public async Task<string> StartAsync(string image, RestartPolicyKind restart)
    {
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = Name,
            Image = image,
            Env = [$"PORT={Port}"],
            HostConfig = new HostConfig { NetworkMode = "host", RestartPolicy = new RestartPolicy { Name = restart } },
        });
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return created.ID;
    }

    /// <summary>The health wait of a rollout, on its own, for a container the test started.</summary>
    public Task WaitUntilHealthyAsync(string containerId, DockerRolloutRequest request) =>
        new HealthWait(docker, _log.Logger, TimeProvider.System).UntilHealthyAsync(containerId, request, CancellationToken.None);

    /// <summary>What GET / answers: the serving version.</summary>
    public async Task<string> ServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return await http.GetStringAsync(Url);
    }

    /// <summary>Waits (with a deadline) until the service answers, then returns what it serves.</summary>
    public async Task<string> ServingEventuallyAsync()
    {
        string? serving = null;
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    serving = await ServingAsync();
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            $"{Name} to answer on port {Port}");
        return serving!;
    }

    /// <summary>The names of every container (running or not) that belongs to this scenario.</summary>
    public async Task<IReadOnlyList<string>> ContainerNamesAsync()
    {
        var all = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return [.. all.SelectMany(container => container.Names).Select(name => name.TrimStart('/')).Where(name => name.StartsWith(Name, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    public async Task<ContainerInspectResponse> InspectAsync(string name) => await docker.Containers.InspectContainerAsync(name);

    public async ValueTask DisposeAsync()
    {
        foreach (var name in new[] { Name, Name + "-previous" })
        {
            try
            {
                await docker.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true });
            }
            catch (DockerContainerNotFoundException)
            {
            }
        }
    }
}
