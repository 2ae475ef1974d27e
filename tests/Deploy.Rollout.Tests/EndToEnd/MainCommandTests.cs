using System.Diagnostics;
using System.Text;
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
            // A clone, not a copy: the build's default repository is the one it lives in. (Uncommitted changes of a
            // working copy are not in it; CI runs on a clean clone.)
            await RunAsync("git", ["clone", "--quiet", Repository.Root, scratch.FullName], Environment.CurrentDirectory);
            var commit = (await RunAsync("git", ["rev-parse", "HEAD"], scratch.FullName)).Trim();

            var output = await RunAsync(
                Path.Combine(scratch.FullName, "build.sh"),
                ["Rollout", "--registry", registry.Address, "--container-name", name, "--service-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--docker-host", engine.Daemon.Host],
                scratch.FullName);

            Assert.Contains("Build succeeded.", output, StringComparison.Ordinal);
            using var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(scratch.FullName, ".nuke", "temp", "run.json")));
            var targets = record.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
            var digest = targets["Push"].GetProperty("outputs").GetProperty("digest").GetString()!;
            Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
            Assert.Equal($"{registry.Address}/hello-service@{digest}", targets["Rollout"].GetProperty("outputs").GetProperty("deployed").GetString());

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

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, string directory)
    {
        var start = new ProcessStartInfo(program, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CI"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran for 10 minutes:\n{await stdout}{await stderr}");
        }

        output.Append(await stdout).Append(await stderr);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        return output.ToString();
    }
}
