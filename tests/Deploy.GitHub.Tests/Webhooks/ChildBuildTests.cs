using System.Net;
using System.Text.Json;
using Deploy.GitHub.Tests.Support;

namespace Deploy.GitHub.Tests.Webhooks;

/// <summary>The real thing: the Tester build serving webhooks and running itself as a child process per push.</summary>
public sealed class ChildBuildTests
{
    private const string Secret = "child-build-secret-5f1c";

    [Fact]
    public async Task A_push_runs_the_build_as_a_child_process_at_the_pushed_commit()
    {
        await using var server = await TesterServer.StartAsync(Secret);
        var commit = WebhookFixture.Sha(0xabc);

        using var response = await server.PushAsync(Secret, commit);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement run = default;
        await Poll.UntilAsync(async () => (await server.RunsAsync()) is [var only] && (run = only).GetProperty("finishedAt").ValueKind != JsonValueKind.Null, TimeSpan.FromSeconds(90), "the run to finish");

        Assert.True(run.GetProperty("result").GetString() == "Succeeded", server.Output);
        Assert.Equal($"{commit} https://github.com/acme/service.git\n", File.ReadAllText(Path.Combine(server.Root, "deployed.txt")));
        var stage = Assert.Single(run.GetProperty("stages").EnumerateArray());
        Assert.Equal("Deploy", stage.GetProperty("name").GetString());
        Assert.Equal("Succeeded", stage.GetProperty("status").GetString());
        Assert.True(stage.GetProperty("durationSeconds").GetDouble() >= 0);
        var record = run.GetProperty("runRecord").GetString()!;
        Assert.StartsWith(Path.Combine(server.Root, ".nuke", "temp", "webhook", "1-"), record, StringComparison.Ordinal);
        Assert.Contains(commit, File.ReadAllText(record), StringComparison.Ordinal);
        var log = File.ReadAllText(Path.Combine(Path.GetDirectoryName(record)!, "output.log"));
        Assert.DoesNotContain(Secret, log + server.Output, StringComparison.Ordinal);

        server.Terminate();
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Runs_get_the_configured_repository_and_the_server_s_parameters_with_secrets_kept_off_their_command_line()
    {
        const string token = "api-token-9d2e7";
        await using var server = await TesterServer.StartAsync(Secret, "--repository", "/srv/git/service.git", "--api-token", token);
        var commit = WebhookFixture.Sha(0xdef);

        using var response = await server.PushAsync(Secret, commit);
        await Poll.UntilAsync(async () => (await server.RunsAsync()) is [var run] && run.GetProperty("finishedAt").ValueKind != JsonValueKind.Null, TimeSpan.FromSeconds(90), "the run to finish");

        Assert.Equal($"{commit} /srv/git/service.git\n", File.ReadAllText(Path.Combine(server.Root, "deployed.txt")));
        Assert.Equal(token, File.ReadAllText(Path.Combine(server.Root, "token.txt")));
        var arguments = File.ReadAllLines(Path.Combine(server.Root, "arguments.txt"));
        Assert.Contains("--ref", arguments);
        Assert.DoesNotContain(arguments, a => a.Contains(token, StringComparison.Ordinal) || a.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SIGTERM_during_a_run_refuses_new_pushes_lets_the_run_finish_and_exits()
    {
        await using var server = await TesterServer.StartAsync(Secret);
        var hold = Path.Combine(server.Root, "hold");
        File.WriteAllText(hold, "");
        using var first = await server.PushAsync(Secret, WebhookFixture.Sha(1));
        await Poll.UntilAsync(async () => (await server.RunsAsync()) is [var run] && run.GetProperty("result").GetString() == "Running", TimeSpan.FromSeconds(30), "the run to start");
        await Poll.UntilAsync(() => File.Exists(Path.Combine(server.Root, ".nuke", "temp", "build.log")), TimeSpan.FromSeconds(60), "the child build to start");

        server.Terminate();
        await Poll.UntilAsync(
            async () =>
            {
                using var late = await server.PushAsync(Secret, WebhookFixture.Sha(2));
                return late.StatusCode == HttpStatusCode.ServiceUnavailable;
            },
            TimeSpan.FromSeconds(30),
            "new pushes to be refused");
        Assert.False(server.HasExited);
        File.Delete(hold);

        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal($"{WebhookFixture.Sha(1)} https://github.com/acme/service.git\n", File.ReadAllText(Path.Combine(server.Root, "deployed.txt")));
        var record = Directory.GetFiles(Path.Combine(server.Root, ".nuke", "temp", "webhook"), "run.json", SearchOption.AllDirectories).Single();
        Assert.Equal("Succeeded", JsonDocument.Parse(File.ReadAllText(record)).RootElement.GetProperty("result").GetString());
    }
}
