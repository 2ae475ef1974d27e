using System.Net;
using System.Net.Sockets;

namespace Deploy.Testing;

/// <summary>Loopback ports for services the tests start.</summary>
public static class FreePort
{
    /// <summary>
    /// A port that was free a moment ago: the OS picks it, then it is released for the service to take.
    /// Another process may grab it in between; fixtures that start a service retry on a new port then.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
