using System.Collections.Concurrent;
using System.Net;

namespace Deploy.OpenTelemetry.Tests.Support;

/// <summary>
/// An OTLP/HTTP trace receiver on 127.0.0.1 and a free port, standing in for a collector (none can be installed
/// here): <c>POST /v1/traces</c> with a protobuf <c>ExportTraceServiceRequest</c> is decoded and kept, and answered
/// like a collector does (200 and an empty protobuf response), or with <see cref="Status"/> when a test sets one.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private const int Attempts = 5;
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<ReceivedExport> _exports = new();
    private readonly ConcurrentQueue<string> _problems = new();

    private OtlpReceiver(HttpListener listener, Uri url)
    {
        _listener = listener;
        Url = url;
        _ = ServeAsync();
    }

    /// <summary>The base URL, e.g. http://127.0.0.1:41234/ (the exporter posts to /v1/traces under it).</summary>
    public Uri Url { get; }

    /// <summary>The status every request gets; a collector that accepts answers 200.</summary>
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    /// <summary>
    /// How long a slow collector takes with each request, after reading it and before keeping and answering it: a
    /// collector that has not answered has not received the spans.
    /// </summary>
    public TimeSpan AnswerDelay { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<ReceivedExport> Exports => _exports.ToArray();

    /// <summary>Every span received, in the order received.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => _exports.SelectMany(e => e.Spans).ToList();

    /// <summary>Requests that were not what an OTLP/HTTP exporter sends (wrong path or type): a test fails on them.</summary>
    public IReadOnlyList<string> Problems => _problems.ToArray();

    public static OtlpReceiver Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            // A port taken between FreePort.Next() and Start: try another one.
            var port = FreePort.Next();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new OtlpReceiver(listener, new Uri($"http://127.0.0.1:{port}/"));
            }
            catch (HttpListenerException) when (attempt < Attempts)
            {
                listener.Close();
            }
        }
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var response = context.Response;
        try
        {
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            if (request.HttpMethod != "POST" || request.Url?.AbsolutePath != "/v1/traces" || request.ContentType != "application/x-protobuf")
            {
                _problems.Enqueue($"{request.HttpMethod} {request.Url?.AbsolutePath} ({request.ContentType})");
                response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }

            if (AnswerDelay > TimeSpan.Zero)
            {
                await Task.Delay(AnswerDelay);
            }

            var headers = request.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => request.Headers[k] ?? "", StringComparer.Ordinal);
            var (resource, spans) = TraceRequestDecoder.Decode(body.ToArray());
            _exports.Enqueue(new ReceivedExport(headers, request.ContentType, resource, spans));
            response.StatusCode = (int)Status;
            response.ContentType = "application/x-protobuf";

            // An empty ExportTraceServiceResponse: no partial_success, i.e. every span accepted.
            response.ContentLength64 = 0;
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or Google.Protobuf.InvalidProtocolBufferException)
        {
            _problems.Enqueue(exception.Message);
        }
    }
}
