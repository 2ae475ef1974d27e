using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ILogger = Serilog.ILogger;

namespace Deploy.GitHub.Webhooks;

/// <summary>
/// The HTTP side (ASP.NET Core on Kestrel): <c>POST /webhooks/github</c>, <c>GET /healthz</c>, <c>GET /runs</c>.
/// A delivery's signature is checked on the raw body before anything parses it.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    public const string Path = "/webhooks/github";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // application/json, never embedded in HTML
    };

    private readonly WebApplication _app;
    private readonly WebhookOptions _options;
    private readonly RunScheduler _scheduler;
    private readonly ILogger _log;
    private readonly DeliveryLog _deliveries = new();
    private volatile bool _accepting = true;

    private WebhookServer(WebApplication app, WebhookOptions options, RunScheduler scheduler, ILogger log)
    {
        _app = app;
        _options = options;
        _scheduler = scheduler;
        _log = log;
    }

    /// <summary>The address it listens on (with the real port when port 0 was asked for).</summary>
    public Uri Address { get; private set; } = null!;

    public static async Task<WebhookServer> StartAsync(WebhookOptions options, RunScheduler scheduler, ILogger log, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.Listen(options.Address, options.Port);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        var server = new WebhookServer(app, options, scheduler, log);
        app.MapPost(Path, server.ReceiveAsync);
        app.MapGet("/healthz", () => Results.Json(new { status = "ok", accepting = server._accepting, idle = scheduler.Idle }, Json));
        app.MapGet("/runs", () => Results.Json(scheduler.Runs(Show), Json));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address);
        return server;
    }

    /// <summary>New deliveries get 503 from now on (GitHub shows them as failed, and they can be redelivered).</summary>
    public void StopAccepting() => _accepting = false;

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        if (!_accepting)
        {
            return Reply(StatusCodes.Status503ServiceUnavailable, "shutting down", "The server is shutting down; redeliver later.");
        }

        if (request.ContentLength > _options.MaxBodyBytes)
        {
            return TooLarge(request.ContentLength.Value);
        }

        byte[]? body;
        try
        {
            body = await ReadAsync(request.Body, _options.MaxBodyBytes, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }

        if (body is null)
        {
            return TooLarge(null);
        }

        // Before anything reads the body: an unsigned or forged delivery is refused unread.
        if (!Signature.IsValid(_options.Secret, body, request.Headers["X-Hub-Signature-256"].FirstOrDefault()))
        {
            _log.Warning("Refused a webhook delivery with a {Problem} X-Hub-Signature-256", request.Headers.ContainsKey("X-Hub-Signature-256") ? "wrong" : "missing");
            return Reply(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or wrong X-Hub-Signature-256: the webhook's secret must equal --webhook-secret.");
        }

        var delivery = request.Headers["X-GitHub-Delivery"].FirstOrDefault();
        if (delivery is { Length: > 0 } && !_deliveries.TryAdd(delivery))
        {
            return Reply(StatusCodes.Status202Accepted, "duplicate", $"Delivery {delivery} was received before; ignored.");
        }

        var kind = request.Headers["X-GitHub-Event"].FirstOrDefault() ?? "";
        if (kind == "ping")
        {
            return Reply(StatusCodes.Status200OK, "pong", "Webhook received.");
        }

        if (kind != "push")
        {
            return Reply(StatusCodes.Status202Accepted, "ignored", $"Event '{kind}' does not run the pipeline.");
        }

        if (PushEvent.Parse(body, out var problem) is not { } push)
        {
            return Reply(StatusCodes.Status400BadRequest, "invalid", $"Not a push event: {problem}.");
        }

        if (push.Deleted || !BranchFilter.Matches(_options.Branches, push.Branch))
        {
            return Reply(StatusCodes.Status202Accepted, "ignored", push.Deleted
                ? $"Push deleted {push.Branch}; nothing to run."
                : $"Push to '{push.Branch}', which is not one of --branches {string.Join(' ', _options.Branches)}.");
        }

        var result = _scheduler.Submit(push);
        _log.Information("Push to {Repository} {Branch} at {Commit}: {Result}", push.Repository, push.Branch, push.Commit, result);
        return result switch
        {
            SubmitResult.Closed => Reply(StatusCodes.Status503ServiceUnavailable, "shutting down", "The server is shutting down; redeliver later."),
            SubmitResult.Superseded => Reply(StatusCodes.Status202Accepted, "superseded", $"A newer commit of {push.Repository} already runs or waits."),
            _ => Reply(StatusCodes.Status202Accepted, result == SubmitResult.Started ? "started" : "queued", $"{push.Repository} at {push.Commit}."),
        };
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private IResult TooLarge(long? length) => Reply(
        StatusCodes.Status413PayloadTooLarge,
        "too large",
        $"The body{(length is null ? "" : $" ({length} bytes)")} is over the limit of {_options.MaxBodyBytes} bytes (--webhook-max-body).");

    private static IResult Reply(int status, string outcome, string message) =>
        Results.Json(new { status = outcome, message }, Json, statusCode: status);

    private static object Show(RunEntry run) => new
    {
        id = run.Id,
        repository = run.Repository,
        branch = run.Branch,
        commit = run.Commit,
        result = run.Result,
        exitCode = run.ExitCode,
        queuedAt = run.QueuedAt,
        startedAt = run.StartedAt,
        finishedAt = run.FinishedAt,
        runRecord = run.RunRecord,
        stages = run.Stages.Select(s => new { name = s.Name, status = s.Status, durationSeconds = s.DurationSeconds }),
    };
}
