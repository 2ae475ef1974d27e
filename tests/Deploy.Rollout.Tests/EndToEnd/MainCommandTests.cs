using System.Text.Json;
using Deploy.Rollout.Tests.Support;
using Deploy.Testing.Docker;
using Docker.DotNet.Models;

namespace Deploy.Rollout.Tests.EndToEnd;

/// <summary>
/// The README's first command, as a user runs it: <c>./build.sh Rollout</c> in a clone of this repository clones
/// it, restores, compiles, tests and builds the sample's image, pushes it, and deploys it by digest on the engine.
/// </summary>
[Collection(EngineGroup.Name)]
public sealed class MainCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task Build_sh_Rollout_deploys_the_sample_by_digest_and_it_serves_its_commit()
    {
        await using var registry = await RegistryServer.StartAsync();
        var scratch = Directory.CreateTempSubdirectory("deploy-main-command-");
        var name = $"hello-e2e-{Guid.NewGuid().ToString("N")[..8]}";
        var port = FreePort.Next();
        try
        {
            // A clone, not a copy: the build builds the checkout it stands in, at its commit. (Uncommitted changes of a
            // working copy are not in it; CI runs on a clean clone.)
            await Script.RunToSuccessAsync("git", ["clone", "--quiet", Repository.Root, scratch.FullName], Environment.CurrentDirectory);
            var commit = (await Script.RunToSuccessAsync("git", ["rev-parse", "HEAD"], scratch.FullName)).Trim();

            var output = await Script.RunToSuccessAsync(
                Path.Combine(scratch.FullName, "build.sh"),
                ["Rollout", "--registry", registry.Address, "--container-name", name, "--service-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--docker-host", engine.Daemon.Host],
                scratch.FullName);

            Assert.Contains("Build succeeded.", output, StringComparison.Ordinal);
            using var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(scratch.FullName, ".nuke", "temp", "run.json")));
            var targets = record.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
            var digest = targets["Push"].GetProperty("outputs").GetProperty("digest").GetString()!;
            Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
            Assert.Equal($"{registry.Address}/hello-service@{digest}", targets["Rollout"].GetProperty("outputs").GetProperty("deployed").GetString());

            // The checkout mode: no clone, the record's commit is the checkout's HEAD, the image is tagged with its short SHA.
            Assert.Equal("Skipped", targets["Clone"].GetProperty("status").GetString());
            Assert.Equal($"building the checkout at {scratch.FullName}", targets["Clone"].GetProperty("reason").GetString());
            Assert.Equal(commit, targets["Source"].GetProperty("outputs").GetProperty("commit").GetString());
            Assert.Equal("false", targets["Source"].GetProperty("outputs").GetProperty("dirty").GetString());
            var shortCommit = (await Script.RunToSuccessAsync("git", ["rev-parse", "--short", "HEAD"], scratch.FullName)).Trim();
            Assert.Equal($"{registry.Address}/hello-service:{shortCommit}", targets["Image"].GetProperty("outputs").GetProperty("image").GetString());

            using var http = new HttpClient();
            var greeting = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"));
            Assert.Contains(commit, greeting, StringComparison.Ordinal);
            Assert.Equal("running", (await engine.Docker.Containers.InspectContainerAsync(name)).State.Status);
        }
        finally
        {
            try
            {
                await engine.Docker.Containers.RemoveContainerAsync(name, new ContainerRemoveParameters { Force = true });
            }
            catch (global::Docker.DotNet.DockerContainerNotFoundException)
            {
            }

            scratch.Delete(recursive: true);
        }
    }
}
