using System.Net;
using System.Text.Json;
using Deploy.Docker.Tests.Fixtures;
using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests;

/// <summary>The sample service end to end: compiled, built FROM scratch, pushed, removed, pulled back by digest, run.</summary>
[Collection(DockerTests.Name)]
public sealed class SampleImageTests(DockerFixture docker)
{
    private const string Revision = "0123456789abcdef0123456789abcdef01234567";

    [Fact]
    public async Task The_sample_image_is_pushed_pulled_back_by_digest_and_answers_its_health_check_and_metrics()
    {
        var cli = docker.Daemon.Cli;
        await using var registry = await RegistryServer.StartAsync();
        using var source = new ScratchContext();
        Repository.Copy(Repository.Sample, Path.Combine(source.Path, "samples", "hello-service"));
        using var driver = new BuildDriver();
        var build = new ImageBuild(source.Path, Revision);
        var container = "hello-" + Guid.NewGuid().ToString("N")[..8];
        var references = new List<string>();
        try
        {
            var result = await driver.RunAsync(build, ["Push", "--project", "samples/hello-service", "--docker-host", docker.Daemon.Host, "--registry", registry.Address, "--image-tags", "latest"]);
            references.AddRange(build.LastImage?.References ?? []);

            Assert.True(result.ExitCode == 0, result.ToString());
            var image = build.LastImage!;
            var pushed = build.LastPush!;
            Assert.Equal($"{registry.Address}/hello-service", image.Repository);
            Assert.Equal(["0123456", "latest"], image.Tags);
            Assert.Matches("^sha256:[0-9a-f]{64}$", image.ImageId);
            Assert.Matches("^sha256:[0-9a-f]{64}$", pushed.Digest);
            Assert.Equal($"{registry.Address}/hello-service@{pushed.Digest}", pushed.Reference);
            Assert.Equal(pushed.Digest, await registry.ManifestDigestAsync("hello-service", "0123456"));
            Assert.Equal(pushed.Digest, await registry.ManifestDigestAsync("hello-service", "latest"));
            Assert.Equal(image.ImageId, result.OutputOf("Image", "imageId"));
            Assert.Equal(image.Reference, result.OutputOf("Image", "image"));
            Assert.Equal(pushed.Digest, result.OutputOf("Push", "digest"));
            Assert.Equal(pushed.Reference, result.OutputOf("Push", "image"));
            Assert.Contains("Step 1/", result.LogFile, StringComparison.Ordinal);

            var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(
                await cli.RunAsync(["image", "inspect", "--format", "{{json .Config.Labels}}", image.ImageId]))!;
            Assert.Equal(Revision, labels["org.opencontainers.image.revision"]);
            Assert.Equal("0123456", labels["org.opencontainers.image.version"]);
            Assert.Equal("https://example.com/deploy.git", labels["org.opencontainers.image.source"]);
            Assert.True(DateTimeOffset.TryParse(labels["org.opencontainers.image.created"], out _));

            await cli.RunAsync(["image", "rm", "--force", image.ImageId]);
            Assert.NotEqual(0, (await cli.TryRunAsync(["image", "inspect", image.Reference])).ExitCode);
            await cli.RunAsync(["pull", pushed.Reference]);
            references.Add(pushed.Reference);

            var port = FreePort.Next();
            await cli.RunAsync(["run", "--detach", "--name", container, "--network", "host", "--env", $"PORT={port}", "--env", "HOST=127.0.0.1", "--env", "HELLO_FAILURE_RATE=1", pushed.Reference]);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            await Poll.UntilAsync(
                async () =>
                {
                    try
                    {
                        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
                        return response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(60),
                $"the sample's /healthz in container {container} (logs: {(await cli.TryRunAsync(["logs", container])).Error})");

            // The image is self-contained with its metrics too: a version made to fail answers 500 and counts it.
            using (var failed = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/")))
            {
                Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            }

            var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            Assert.Contains(PrometheusText.Parse(metrics), s => s.Name == "http_requests_received_total" && s["code"] == "500" && s["endpoint"] == "/" && s.Value == 1);
        }
        finally
        {
            await cli.RemoveAsync([container, .. references]);
        }
    }
}
