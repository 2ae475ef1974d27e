using System.Globalization;

namespace Deploy.OpenTelemetry;

/// <summary>
/// Sits under the exporter's HttpClient and remembers how the collector answered: the OpenTelemetry exporter only
/// says "failure", and the warning should say why (refused, 503, ...). Never records a request's headers.
/// </summary>
internal sealed class CollectorWatch(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly Lock _lock = new();
    private int _accepted;
    private string? _lastError;

    /// <summary>Export requests the collector answered with 2xx.</summary>
    public int Accepted
    {
        get
        {
            lock (_lock)
            {
                return _accepted;
            }
        }
    }

    /// <summary>Why the latest request that failed did (null when none did).</summary>
    public string? LastError
    {
        get
        {
            lock (_lock)
            {
                return _lastError;
            }
        }
    }

    // The exporter sends synchronously from its own thread (HttpClient.Send); both paths are watched.
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Watch(() => base.Send(request, cancellationToken));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return Record(await base.SendAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            Record(exception);
            throw;
        }
    }

    private HttpResponseMessage Watch(Func<HttpResponseMessage> send)
    {
        try
        {
            return Record(send());
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            Record(exception);
            throw;
        }
    }

    private HttpResponseMessage Record(HttpResponseMessage response)
    {
        lock (_lock)
        {
            if (response.IsSuccessStatusCode)
            {
                _accepted++;
            }
            else
            {
                _lastError = string.Create(CultureInfo.InvariantCulture, $"the collector answered {(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}");
            }
        }

        return response;
    }

    private void Record(Exception exception)
    {
        lock (_lock)
        {
            _lastError = exception is OperationCanceledException ? "no answer in time" : exception.Message;
        }
    }
}
