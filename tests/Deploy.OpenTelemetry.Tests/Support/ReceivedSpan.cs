namespace Deploy.OpenTelemetry.Tests.Support;

/// <summary>One span as the collector received it (opentelemetry/proto/trace/v1/trace.proto, the fields we check).</summary>
/// <param name="TraceId">16 bytes, hex.</param>
/// <param name="SpanId">8 bytes, hex.</param>
/// <param name="ParentSpanId">8 bytes, hex; empty for a root span.</param>
/// <param name="Name">The span's name.</param>
/// <param name="Kind">1 internal, 2 server, 3 client, 4 producer, 5 consumer.</param>
/// <param name="StartUnixNano">Start, nanoseconds since the Unix epoch.</param>
/// <param name="EndUnixNano">End, nanoseconds since the Unix epoch.</param>
/// <param name="Attributes">Its attributes (string, bool, long or double values).</param>
/// <param name="StatusCode">0 unset, 1 ok, 2 error.</param>
/// <param name="StatusMessage">The status's message.</param>
/// <param name="Scope">The instrumentation scope (the ActivitySource's name).</param>
public sealed record ReceivedSpan(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    int Kind,
    ulong StartUnixNano,
    ulong EndUnixNano,
    IReadOnlyDictionary<string, object> Attributes,
    int StatusCode,
    string StatusMessage,
    string Scope)
{
    public const int Internal = 1;
    public const int Server = 2;
    public const int Error = 2;

    public DateTimeOffset Start => DateTimeOffset.UnixEpoch.AddTicks((long)(StartUnixNano / 100));

    public TimeSpan Duration => TimeSpan.FromTicks((long)((EndUnixNano - StartUnixNano) / 100));

    public object? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;

    public override string ToString() => $"{Name} {SpanId} (parent {ParentSpanId})";
}
