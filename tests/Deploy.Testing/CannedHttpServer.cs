using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Deploy.Testing;

/// <summary>
/// A minimal HTTP/1.1 server on loopback that answers every request with one fixed response (say, a 400 with
/// an explanation) and records what it received: a service that is there but unhappy.
/// </summary>
public sealed class CannedHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly byte[] _response;

    /// <param name="status">The status code every request gets.</param>
    /// <param name="body">The response body (text/plain).</param>
    public CannedHttpServer(HttpStatusCode status, string body)
    {
        var content = Encoding.UTF8.GetBytes(body);
        using var standard = new HttpResponseMessage(status);
        var head = $"HTTP/1.1 {(int)status} {standard.ReasonPhrase}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n";
        _response = [.. Encoding.ASCII.GetBytes(head), .. content];
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _ = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>The requests answered so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = AnswerAsync(client);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed.
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, _stop.Token);
                _requests.Enqueue(request);
                await stream.WriteAsync(_response, _stop.Token);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or FormatException)
            {
                // The client went away, or the server was disposed.
            }
        }
    }

    private static async Task<RecordedRequest> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfBlankLine(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The connection closed before the request's headers ended.");
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var lines = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray()).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim().ToLowerInvariant(), parts => parts[1].Trim(), StringComparer.Ordinal);
        var length = headers.TryGetValue("content-length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = buffer.Skip(headerEnd + 4).ToList();
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                break;
            }

            body.AddRange(chunk.AsSpan(0, read));
        }

        return new RecordedRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static int IndexOfBlankLine(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
