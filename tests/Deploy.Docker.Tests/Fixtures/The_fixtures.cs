namespace Deploy.Docker.Tests.Fixtures;

[Collection(DockerTests.Name)]
public sealed class The_fixtures(DockerFixture docker)
{
    [Fact]
    public async Task Start_an_engine_and_a_registry_with_basic_auth_that_an_imported_image_goes_through()
    {
        Assert.True(await DockerDaemon.PingAsync(docker.Daemon.Host));
        await using var registry = await RegistryServer.StartAsync("alice", "s3cret-pw");
        var files = Directory.CreateTempSubdirectory("import-");
        var reference = $"{registry.Address}/fixture/plain:one";
        try
        {
            await File.WriteAllTextAsync(Path.Combine(files.FullName, "hello.txt"), "hello");
            await docker.Daemon.Cli.ImportAsync(reference, files.FullName, ["CMD [\"/hello.txt\"]"]);

            var refused = await docker.Daemon.Cli.TryRunAsync(["push", reference]);
            Assert.NotEqual(0, refused.ExitCode);

            await docker.Daemon.Cli.RunAsync(["login", "-u", "alice", "--password-stdin", registry.Address], "s3cret-pw");
            await docker.Daemon.Cli.RunAsync(["push", reference]);
            Assert.StartsWith("sha256:", await registry.ManifestDigestAsync("fixture/plain", "one"));
        }
        finally
        {
            await docker.Daemon.Cli.RemoveAsync([reference]);
            files.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Stop_a_registry_mid_test_and_start_it_again_with_its_content()
    {
        await using var registry = await RegistryServer.StartAsync();
        await registry.StopAsync();
        Assert.False(registry.IsRunning);
        await Assert.ThrowsAsync<HttpRequestException>(() => registry.ManifestDigestAsync("any/thing", "latest"));

        await registry.RestartAsync();
        Assert.True(registry.IsRunning);
        Assert.Null(await registry.ManifestDigestAsync("any/thing", "latest"));
    }
}
