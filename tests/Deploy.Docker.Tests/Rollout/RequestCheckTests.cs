namespace Deploy.Docker.Tests.Rollout;

/// <summary>A request is checked whole before the engine is contacted: every problem at once, each naming the value.</summary>
public sealed class RequestCheckTests
{
    private static DockerRolloutRequest Valid => new() { ContainerName = "web", Image = "web:v2", TimeProvider = TimeProvider.System };

    [Fact]
    public void A_valid_request_has_no_problems()
    {
        Assert.Empty(DockerRollout.Validate(Valid with { Publish = "8080:80", HealthUrl = new Uri("http://127.0.0.1:8080/ready"), Environment = ["A=b"] }));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var request = Valid with
        {
            ContainerName = "bad/name",
            Port = 0,
            Environment = ["NOVALUE"],
            Publish = "8080",
            HealthUrl = new Uri("ftp://127.0.0.1/healthz"),
            Timeout = TimeSpan.Zero,
            DockerHost = "ftp://engine",
        };

        var problems = DockerRollout.Validate(request);

        Assert.Equal(7, problems.Count);
        Assert.Contains("--container-name 'bad/name' is not a valid container name", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_request_is_refused_before_the_engine_is_contacted()
    {
        // No engine listens on this socket: the refusal must come from the checks, not from connecting.
        var request = Valid with { ContainerName = "bad/name", DockerHost = "unix:///nonexistent/docker.sock" };

        var refused = await Assert.ThrowsAsync<DockerRolloutException>(() => DockerRollout.RunAsync(request, Serilog.Core.Logger.None));

        Assert.StartsWith("--container-name 'bad/name' is not a valid container name", refused.Message, StringComparison.Ordinal);
        Assert.True(refused.PreviousVersionRestored);
    }
}
