using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Building;

/// <summary>No engine where the build is pointed: one clear error naming the address and how to set it.</summary>
public sealed class EngineTests
{
    [Fact]
    public async Task A_missing_socket_fails_with_its_address_and_how_to_set_DOCKER_HOST()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\n");
        var address = "unix:///tmp/no-engine-" + Guid.NewGuid().ToString("N")[..8] + ".sock";

        using var run = await ImageRun.StartAsync(context, address);
        var result = run.Result;

        Assert.Equal(1, result.ExitCode);
        var error = result.ErrorOf("Image")!;
        Assert.Contains($"'{address}'", error, StringComparison.Ordinal);
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

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"'{address}'", result.ErrorOf("Image"), StringComparison.Ordinal);
        Assert.Contains("refused", result.ErrorOf("Image"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_is_neither_unix_nor_tcp_is_refused_saying_what_to_give()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\n");

        using var run = await ImageRun.StartAsync(context, "ftp://engine");
        var result = run.Result;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'ftp://engine'", result.ErrorOf("Image"), StringComparison.Ordinal);
        Assert.Contains("unix://", result.ErrorOf("Image"), StringComparison.Ordinal);
    }
}
