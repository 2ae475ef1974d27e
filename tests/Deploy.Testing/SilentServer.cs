using System.Net;
using System.Net.Sockets;

namespace Deploy.Testing;

/// <summary>
/// A server that accepts connections on loopback and never answers: a hung service. Connections are held
/// open until dispose.
/// </summary>
public sealed class SilentServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = [];
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public SilentServer()
    {
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _ = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_accepted)
        {
            foreach (var client in _accepted)
            {
                client.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(client);
                }

                Interlocked.Increment(ref _connections);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed.
        }
    }
}
