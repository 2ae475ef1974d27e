using System.Text;
using Deploy.Docker.Tests.Fixtures;
using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Pushing;

/// <summary>Push through the real engine to a real docker-registry.</summary>
[Collection(DockerTests.Name)]
public sealed class PushTests(DockerFixture docker)
{
    private const string WrongPassword = "Wrong-Pw-4711-zz";

    [Fact]
    public async Task A_wrong_registry_password_fails_clearly_without_retrying_and_the_password_appears_nowhere()
    {
        await using var registry = await RegistryServer.StartAsync("alice", "right-password");
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\nCOPY a.txt /a.txt\n").With("a.txt");

        using var run = await ImageRun.StartAsync(context, docker.Daemon.Host, "Push", null,
            "--registry", registry.Address, "--registry-username", "alice", "--registry-password", WrongPassword, "--push-retry-delay", "00:00:00.01");
        try
        {
            var result = run.Result;
            Assert.Equal(1, result.ExitCode);
            Assert.Equal("Succeeded", result.StatusOf("Image"));
            Assert.Equal("Failed", result.StatusOf("Push"));
            var error = result.ErrorOf("Push")!;
            Assert.Contains($"'{registry.Address}' refused to authenticate", error, StringComparison.Ordinal);
            Assert.Contains("not retried", error, StringComparison.Ordinal);
            Assert.DoesNotContain("retrying in", result.LogFile, StringComparison.Ordinal);
            foreach (var text in new[] { result.Everything, result.LogFile, result.RunRecordText })
            {
                Assert.DoesNotContain(WrongPassword, text, StringComparison.Ordinal);
            }
        }
        finally
        {
            await docker.Daemon.Cli.RemoveAsync(run.References);
        }
    }

    [Fact]
    public async Task Credentials_from_DOCKER_CONFIG_push_to_a_registry_with_basic_auth()
    {
        await using var registry = await RegistryServer.StartAsync("bob", "bobs-password");
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\nCOPY a.txt /a.txt\n").With("a.txt", "pushed");
        using var config = new ScratchContext().With(
            "config.json", "{\"auths\":{\"" + registry.Address + "\":{\"auth\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:bobs-password")) + "\"}}}");

        using var run = await ImageRun.StartAsync(context, docker.Daemon.Host, "Push", new Dictionary<string, string> { ["DOCKER_CONFIG"] = config.Path },
            "--registry", registry.Address);
        try
        {
            Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
            var pushed = run.Build.LastPush!;
            var name = pushed.Repository[(registry.Address.Length + 1)..];
            Assert.Equal(pushed.Digest, await registry.ManifestDigestAsync(name, "feedfac"));
            Assert.Equal(pushed.Digest, run.Result.OutputOf("Push", "digest"));
            Assert.Contains("config.json", run.Result.LogFile, StringComparison.Ordinal);
            Assert.DoesNotContain("bobs-password", run.Result.LogFile, StringComparison.Ordinal);
        }
        finally
        {
            await docker.Daemon.Cli.RemoveAsync(run.References);
        }
    }

    [Fact]
    public async Task A_registry_that_is_down_is_retried_with_back_off_then_fails_naming_it()
    {
        await using var registry = await RegistryServer.StartAsync();
        await registry.StopAsync();
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\nCOPY a.txt /a.txt\n").With("a.txt");

        using var run = await ImageRun.StartAsync(context, docker.Daemon.Host, "Push", null,
            "--registry", registry.Address, "--push-retries", "2", "--push-retry-delay", "00:00:00.05");
        try
        {
            Assert.Equal(1, run.Result.ExitCode);
            var error = run.Result.ErrorOf("Push")!;
            Assert.Contains($"'{registry.Address}'", error, StringComparison.Ordinal);
            Assert.Contains("failed 3 time(s)", error, StringComparison.Ordinal);
            Assert.Contains("connection refused", error, StringComparison.Ordinal);
            Assert.Contains("(attempt 1 of 3)", run.Result.LogFile, StringComparison.Ordinal);
            Assert.Contains("(attempt 2 of 3)", run.Result.LogFile, StringComparison.Ordinal);
        }
        finally
        {
            await docker.Daemon.Cli.RemoveAsync(run.References);
        }
    }

    [Fact]
    public async Task Without_a_registry_Push_is_skipped_and_the_image_stays_in_the_local_engine()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\nCOPY a.txt /a.txt\n").With("a.txt");

        using var run = await ImageRun.StartAsync(context, docker.Daemon.Host, "Push");
        try
        {
            Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
            Assert.Equal("Skipped", run.Result.StatusOf("Push"));
            Assert.Contains("stays in the local engine", run.Result.Target("Push").GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Null(run.Build.LastPush);
            Assert.DoesNotContain("/", run.Build.LastImage!.Repository, StringComparison.Ordinal);
            Assert.Equal(run.Build.LastImage.ImageId, await docker.Daemon.Cli.RunAsync(["image", "inspect", "--format", "{{.Id}}", run.Build.LastImage.Reference]));
        }
        finally
        {
            await docker.Daemon.Cli.RemoveAsync(run.References);
        }
    }
}
