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

    /// <summary>Waits until something accepts connections on the port, or throws after the deadline with <paramref name="diagnostics"/>.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan deadline, Func<string> diagnostics, Func<bool>? hasExited = null)
    {
        using var timeout = new CancellationTokenSource(deadline);
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (hasExited?.Invoke() == true)
            {
                throw new InvalidOperationException($"The server exited before listening on port {port}: {diagnostics()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Nothing listened on port {port} within {deadline.TotalSeconds} s: {diagnostics()}");
            }

            await Task.Delay(delay, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }
}
