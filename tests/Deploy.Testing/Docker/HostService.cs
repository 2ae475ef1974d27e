using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Deploy.Testing.Docker;

/// <summary>
/// Another process on the host: the test service (a plain HTTP server answering <c>/healthz</c> 200 and
/// <c>intruder</c> on <c>/</c>), run directly on a host address and port, not in a container. Stopped on dispose.
/// </summary>
public sealed class HostService : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private HostService(ChildProcess process, IPAddress host, int port)
    {
        _process = process;
        Host = host;
        Port = port;
    }

    public IPAddress Host { get; }

    public int Port { get; }

    public int Pid => _process.Id;

    /// <summary>Starts it and waits (with a deadline) until it accepts connections.</summary>
    public static async Task<HostService> StartAsync(int port, string host = "127.0.0.1")
    {
        var process = ChildProcess.Start(
            TestServiceImages.Binary,
            [],
            new Dictionary<string, string?> { ["VERSION"] = "intruder", ["MODE"] = "ok", ["HOST"] = host, ["PORT"] = port.ToString(CultureInfo.InvariantCulture) });
        var service = new HostService(process, IPAddress.Parse(host), port);
        try
        {
            await Poll.UntilAsync(service.AcceptsAsync, TimeSpan.FromSeconds(30), $"the host's test service to listen on {host}:{port}");
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<bool> AcceptsAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The host's test service exited: {_process.Output}");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Host, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
