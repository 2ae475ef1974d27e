using System.Diagnostics;
using Deploy.Build;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Deploy.OpenTelemetry;

/// <summary>
/// The only type that touches OpenTelemetry: a tracer provider listening to the engine's ActivitySource, exporting
/// in batches from its own thread (so a slow collector never holds up a target) over OTLP/HTTP protobuf.
/// Everything is set here explicitly, none of it left for the SDK to read from the process environment: the
/// settings were read from the build's environment already, and the headers go on our own HttpClient only.
/// </summary>
internal sealed class OtlpTraceExport : ITraceExport
{
    /// <summary>How often spans that ended are sent while the run goes on.</summary>
    private const int ScheduledDelayMilliseconds = 1000;

    private readonly TracingSettings _settings;
    private readonly TimeProvider _time;
    private readonly CollectorWatch _watch;
    private readonly RunSpans _spans = new();
    private readonly TracerProvider _provider;

    public OtlpTraceExport(TracingSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        _watch = new CollectorWatch(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = settings.Timeout });
        var timeout = (int)Math.Clamp(settings.Timeout.TotalMilliseconds, 1, int.MaxValue);
        var options = new OtlpExporterOptions
        {
            Endpoint = settings.TracesUrl,
            Protocol = OtlpExportProtocol.HttpProtobuf,
            Compression = OtlpExportCompression.None,
            TimeoutMilliseconds = timeout,
            HttpClientFactory = CreateClient,
        };

        // The options' constructor read OTEL_EXPORTER_OTLP_HEADERS from the process: ours are on the client instead.
        options.Headers = null;
        var resource = ResourceBuilder.CreateEmpty()
            .AddService(settings.ServiceName)
            .AddAttributes(settings.ResourceAttributes.Select(a => new KeyValuePair<string, object>(a.Key, a.Value)))
            .AddTelemetrySdk();
        _provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .SetSampler(new AlwaysOnSampler())
            .AddSource(BuildTracing.ActivitySourceName)
            .AddProcessor(_spans)
            .AddProcessor(new BatchActivityExportProcessor(new OtlpTraceExporter(options), scheduledDelayMilliseconds: ScheduledDelayMilliseconds, exporterTimeoutMilliseconds: timeout))
            .Build();
    }

    public async Task<ExportReport> FinishAsync(CancellationToken cancellationToken)
    {
        var timeout = (int)Math.Clamp(_settings.Timeout.TotalMilliseconds, 1, int.MaxValue);
        string? stoppedBecause = null;
        var flushed = false;
        try
        {
            // Shutdown, not ForceFlush: the batch processor's flush counts a span as done once the exporter has read it
            // into a request, so it can return while the last request is still on its way (seen losing the run's span
            // when the collector took over a second to answer). Shutdown joins the export thread, which ends only after
            // that request has been answered. It blocks for up to the timeout, on a thread of its own (LongRunning): on a
            // pool thread it can starve the pool of the thread the exporter's connection attempt needs, and the export
            // then times out against a collector that would have answered (or refused) at once. WaitAsync keeps the
            // bound should Shutdown not.
            flushed = await Task.Factory.StartNew(() => _provider.Shutdown(timeout), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .WaitAsync(_settings.Timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stoppedBecause = "the run was interrupted first";
        }

        var error = _watch.LastError;
        var exported = flushed && error is null && _watch.Accepted > 0;
        return new ExportReport(_settings.Display, exported, _spans.TraceId, exported ? null : stoppedBecause ?? (flushed ? error : null) ?? NoAnswer());
    }

    /// <summary>Stops at once: spans not sent by now are dropped, a request in flight is abandoned.</summary>
    public void Dispose()
    {
        // Shut down with no wait first (a no-op after FinishAsync's): Dispose alone would wait up to five more seconds
        // for a collector that is not answering.
        _provider.Shutdown(0);
        _provider.Dispose();
        _watch.Dispose();
    }

    private HttpClient CreateClient()
    {
        var client = new HttpClient(_watch, disposeHandler: false) { Timeout = _settings.Timeout };
        foreach (var (name, value) in _settings.Headers)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        return client;
    }

    private string NoAnswer() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no answer within {_settings.Timeout.TotalSeconds:0.###}s");
}
