using System.Collections.Concurrent;
using System.Net;

namespace Deploy.Prometheus.Tests.Support;

/// <summary>
/// Answers HTTP requests in-process as the test says (the nth request gets <c>respond(n)</c>), and counts how
/// many were in flight at once.
/// </summary>
internal sealed class ScriptedHandler(Func<int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly ConcurrentQueue<string> _bodies = new();
    private int _count;
    private int _inFlight;
    private int _maxInFlight;

    public int Count => Volatile.Read(ref _count);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<string> Bodies => _bodies.ToArray();

    public static HttpResponseMessage Answer(HttpStatusCode status, string body = "") => new(status) { Content = new StringContent(body) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            _bodies.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
            var number = Interlocked.Increment(ref _count);
            return await respond(number, cancellationToken).WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
