using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Deploy.Git.Tests.Support;

/// <summary>
/// Smart HTTP for real: Kestrel on 127.0.0.1 and a free port, with basic authentication, running
/// <c>git http-backend</c> as a CGI program per request (as Apache or nginx+fcgiwrap would), for the
/// repositories under <see cref="Root"/>. Knobs: fail the next requests with 503, hold responses at a gate.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _git;
    private int _requests;
    private int _failNext;
    private TaskCompletionSource? _gate;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GitHttpServer(WebApplication app, string git, string root, string user, string password)
    {
        _app = app;
        _git = git;
        Root = root;
        User = user;
        Password = password;
    }

    /// <summary>The directory whose bare repositories are served as <c>{BaseUrl}/{name}.git</c>.</summary>
    public string Root { get; }

    public string User { get; }

    public string Password { get; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Requests that reached the server (authenticated or not).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public string UrlOf(Upstream upstream) => $"{BaseUrl}/{Path.GetFileName(upstream.Bare)}";

    public static async Task<GitHttpServer> StartAsync(string root)
    {
        var git = Tools.Require("git", "git");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new GitHttpServer(app, git, root, "deploy", "pw-" + Guid.NewGuid().ToString("N")[..16]);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>The next <paramref name="count"/> requests get 503 Service Unavailable.</summary>
    public void FailNextRequests(int count) => Volatile.Write(ref _failNext, count);

    /// <summary>Holds every upload-pack response until <see cref="Release"/>; <see cref="Held"/> completes when one is held.</summary>
    public void HoldResponses()
    {
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task Held => _held.Task;

    public void Release() => _gate?.TrySetResult();

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (Volatile.Read(ref _failNext) > 0 && Interlocked.Decrement(ref _failNext) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (!Authorized(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            return;
        }

        if (_gate is { } gate && context.Request.Path.Value?.EndsWith("/git-upload-pack", StringComparison.Ordinal) == true)
        {
            _held.TrySetResult();
            await gate.Task;
        }

        await RunBackendAsync(context);
    }

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        var given = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        return given == $"{User}:{Password}" || given == $"x-access-token:{Password}";
    }

    /// <summary>The CGI contract (RFC 3875) as git http-backend reads it.</summary>
    private async Task RunBackendAsync(HttpContext context)
    {
        var request = context.Request;
        var start = new ProcessStartInfo(_git, "http-backend")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = Root;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["REQUEST_METHOD"] = request.Method;
        start.Environment["PATH_INFO"] = request.Path.Value ?? "/";
        start.Environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        start.Environment["REMOTE_USER"] = User;
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (request.ContentLength is { } length)
        {
            start.Environment["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
        {
            start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        }

        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
        {
            start.Environment["GIT_PROTOCOL"] = protocol;
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await request.Body.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();

        var output = process.StandardOutput.BaseStream;
        var headers = await ReadHeadersAsync(output);
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = int.Parse(value.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers.Append(name, value);
            }
        }

        await output.CopyToAsync(context.Response.Body);
        await process.WaitForExitAsync();
        await errors;
    }

    private static async Task<List<(string Name, string Value)>> ReadHeadersAsync(Stream output)
    {
        var headers = new List<(string, string)>();
        var line = new List<byte>();
        var buffer = new byte[1];
        while (await output.ReadAsync(buffer) == 1)
        {
            if (buffer[0] != '\n')
            {
                line.Add(buffer[0]);
                continue;
            }

            var text = Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
            line.Clear();
            if (text.Length == 0)
            {
                break;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            headers.Add((text[..colon].Trim(), text[(colon + 1)..].Trim()));
        }

        return headers;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
