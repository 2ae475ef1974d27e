using System.Globalization;
using Deploy.Testing.Docker;
using Docker.DotNet.Models;

namespace Deploy.Rollout.Tests.Support;

/// <summary>
/// The stock pipeline (<c>./build.sh Rollout</c> of a <see cref="StockBuildClone"/>) run again and again: its own build
/// root, registry, container name and port; each run's record is kept; the container is removed at the end.
/// </summary>
internal sealed class StockPipeline(EngineFixture engine, StockBuildClone clone, RegistryServer registry, string name) : IAsyncDisposable
{
    private int _runs;

    public string Root { get; } = clone.NewRoot();

    public RegistryServer Registry => registry;

    public string ContainerName { get; } = $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    public int Port { get; } = FreePort.Next();

    /// <summary>Starts its registry; <paramref name="name"/> begins the container's name.</summary>
    public static async Task<StockPipeline> StartAsync(EngineFixture engine, StockBuildClone clone, string name) =>
        new(engine, clone, await RegistryServer.StartAsync(), name);

    /// <summary>./build.sh Rollout with this pipeline's arguments (the same every time, as --continue needs) and <paramref name="extra"/>.</summary>
    public async Task<BuildResult> BuildAsync(params string[] extra)
    {
        string[] arguments =
        [
            "Rollout", "--root", Root, "--repository", clone.RepositoryDirectory,
            "--registry", registry.Address, "--push-retries", "0",
            "--container-name", ContainerName, "--service-port", Port.ToString(CultureInfo.InvariantCulture),
            "--docker-host", engine.Daemon.Host,
            .. extra,
        ];
        var (exitCode, output) = await Script.RunAsync(clone.BuildScript, arguments, clone.RepositoryDirectory);

        // The next run replaces .nuke/temp/run.json: keep this run's record with its result.
        var snapshot = Directory.CreateDirectory(Path.Combine(Root, "results", (++_runs).ToString(CultureInfo.InvariantCulture))).FullName;
        File.Copy(Path.Combine(Root, ".nuke", "temp", "run.json"), Path.Combine(snapshot, "run.json"));
        return new BuildResult(exitCode, output, "", snapshot);
    }

    /// <summary>The run deployed the pushed image of the cloned commit, and the service serves that commit.</summary>
    public async Task AssertDeploysTheClonedCommitAsync(BuildResult result)
    {
        var shortCommit = clone.Commit[..7];
        Assert.Equal($"{registry.Address}/hello-service:{shortCommit}", result.OutputOf("Image", "image"));
        var digest = await registry.ManifestDigestAsync("hello-service", shortCommit);
        Assert.Equal(digest, result.OutputOf("Push", "digest"));
        Assert.Equal($"{registry.Address}/hello-service@{digest}", result.OutputOf("Rollout", "deployed"));

        using var http = new HttpClient();
        var greeting = await http.GetStringAsync(new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/"));
        Assert.Contains(clone.Commit, greeting, StringComparison.Ordinal);
        Assert.Equal("running", (await engine.Docker.Containers.InspectContainerAsync(ContainerName)).State.Status);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await engine.Docker.Containers.RemoveContainerAsync(ContainerName, new ContainerRemoveParameters { Force = true });
        }
        catch (global::Docker.DotNet.DockerContainerNotFoundException)
        {
        }

        await registry.DisposeAsync();
    }
}
