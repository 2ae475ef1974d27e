using Deploy.Docker.Tests.Fixtures;
using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Pushing;

/// <summary>The registry goes away while a layer is being uploaded, and comes back.</summary>
[Collection(DockerTests.Name)]
public sealed class InterruptedPushTests(DockerFixture docker)
{
    [Fact]
    public async Task A_registry_stopped_mid_push_is_retried_and_the_push_completes_once_it_is_back()
    {
        await using var registry = await RegistryServer.StartAsync();
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\nCOPY big.bin /big.bin\n");

        // Random, so compressing it does not shrink it: the upload takes long enough to be cut.
        var data = new byte[64 * 1024 * 1024];
        Random.Shared.NextBytes(data);
        await File.WriteAllBytesAsync(Path.Combine(context.Path, "big.bin"), data);

        var pushing = ImageRun.StartAsync(context, docker.Daemon.Host, "Push", null,
            "--registry", registry.Address, "--push-retries", "3", "--push-retry-delay", "00:00:00.5");
        ImageRun? run = null;
        try
        {
            var uploads = Path.Combine(registry.StorageDirectory, "docker", "registry", "v2", "repositories");
            await Poll.UntilAsync(
                () => pushing.IsCompleted || (Directory.Exists(uploads) && Directory.EnumerateDirectories(uploads, "_uploads", SearchOption.AllDirectories).Any(d => Directory.EnumerateFileSystemEntries(d).Any())),
                TimeSpan.FromMinutes(2),
                "a layer upload to start");
            Assert.False(pushing.IsCompleted, "the push finished before the registry could be stopped");
            await registry.StopAsync();
            await registry.RestartAsync();

            run = await pushing;
            Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
            var pushed = run.Build.LastPush!;
            Assert.Equal(pushed.Digest, await registry.ManifestDigestAsync(pushed.Repository[(registry.Address.Length + 1)..], "feedfac"));
            Assert.True(
                run.Result.LogFile.Contains("Retrying", StringComparison.Ordinal) || run.Result.LogFile.Contains("retrying in", StringComparison.Ordinal),
                "neither the engine nor the push retried:\n" + run.Result.LogFile);
        }
        finally
        {
            run ??= await pushing;
            await docker.Daemon.Cli.RemoveAsync(run.References);
            run.Dispose();
        }
    }
}
