namespace Deploy.Rollout.Tests.Support;

/// <summary>
/// Requests to a service's <c>GET /</c>, ten a second until disposed, whatever it answers: the traffic a query gate
/// judges (a version without traffic has no error ratio to show). A load generator, not a wait.
/// </summary>
internal sealed class Traffic : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public Traffic(Uri url) => _loop = RunAsync(url, _stop.Token);

    public int Sent { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync(Uri url, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await ticks.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    using var response = await http.GetAsync(url, cancellationToken);
                    Sent++;
                }
                catch (Exception exception) when (exception is HttpRequestException or System.Net.Sockets.SocketException or IOException
                    || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Between versions nothing listens, or a connection closes as a container stops (which SocketsHttpHandler
                    // has let out as a bare SocketException), or a request times out: the rollout's business, not the traffic's.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
