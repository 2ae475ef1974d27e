using System.Net;
using System.Net.Sockets;
using Deploy.Docker.Rollout;

namespace Deploy.Docker.Tests.Rollout;

/// <summary>Who listens on a port, read from /proc: the socket tables and every process's open sockets.</summary>
public sealed class PortHolderTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void A_port_this_process_listens_on_is_held_by_this_process(string address)
    {
        using var listener = new TcpListener(IPAddress.Parse(address), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var holder = Assert.Single(PortHolder.On(port, namespacePid: null));

        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), new IPEndPoint(holder.Socket.Address, holder.Socket.Port));
        Assert.Equal([Environment.ProcessId], holder.Processes);
        Assert.StartsWith($"process {Environment.ProcessId} (", holder.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_nobody_listens_on_has_no_holder()
    {
        var port = FreePort.Next();

        Assert.Empty(PortHolder.On(port, namespacePid: null));
    }

    [Fact]
    public void A_connected_socket_on_the_port_is_not_a_listener()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        using var accepted = listener.AcceptTcpClient();

        Assert.Single(PortHolder.On(port, namespacePid: null));
    }
}
