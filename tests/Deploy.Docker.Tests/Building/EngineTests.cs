using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Building;

/// <summary>
/// No engine where the build is pointed: the preflight says so in seconds, naming the address and how to set it,
/// before any target runs (exit 2, the run record says Invalid).
/// </summary>
public sealed class EngineTests
{
    [Fact]
    public async Task A_missing_socket_fails_with_its_address_and_how_to_set_DOCKER_HOST()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\n");
        var address = "unix:///tmp/no-engine-" + Guid.NewGuid().ToString("N")[..8] + ".sock";

        using var run = await ImageRun.StartAsync(context, address);
        var result = run.Result;

        NothingRan(result);
        var error = result.Error;
        Assert.Contains($"error: Preflight of Image: No Docker engine answers at '{address}'", error, StringComparison.Ordinal);
        Assert.Contains("DOCKER_HOST", error, StringComparison.Ordinal);
        Assert.Contains("dockerd", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tcp_address_nobody_listens_on_fails_with_connection_refused()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\n");
        var address = $"tcp://127.0.0.1:{FreePort.Next()}";

        using var run = await ImageRun.StartAsync(context, address);
        var result = run.Result;

        NothingRan(result);
        Assert.Contains($"'{address}'", result.Error, StringComparison.Ordinal);
        Assert.Contains("refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_is_neither_unix_nor_tcp_is_refused_saying_what_to_give()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\n");

        using var run = await ImageRun.StartAsync(context, "ftp://engine");
        var result = run.Result;

        NothingRan(result);
        Assert.Contains("error: The Docker engine address 'ftp://engine' (--docker-host) is not valid.", result.Error, StringComparison.Ordinal);
        Assert.Contains("unix://", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_docker_host_the_DOCKER_HOST_convention_of_the_build_environment_is_used()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\n");

        using var run = await ImageRun.StartAsync(context, "", environment: new Dictionary<string, string> { ["DOCKER_HOST"] = "ftp://from-environment" });

        NothingRan(run.Result);
        Assert.Contains("'ftp://from-environment' (from DOCKER_HOST) is not valid", run.Result.Error, StringComparison.Ordinal);
    }

    /// <summary>Exit 2, and the record says the run never started.</summary>
    internal static void NothingRan(BuildResult result)
    {
        Assert.True(result.NeverStarted, result.ToString());
        Assert.Contains("Nothing ran", result.Error, StringComparison.Ordinal);
    }
}
