using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Deploy.Testing.Docker;

/// <summary>
/// A real image registry (Debian's <c>docker-registry</c>, distribution 2.8) on 127.0.0.1 and a free port, storing
/// under a temp dir: open, or with htpasswd basic auth (the bcrypt hash is made here with BCrypt.Net, so no
/// apache2-utils is needed). dockerd treats 127.0.0.0/8 registries as insecure, so plain HTTP works without
/// configuration. It can be stopped mid-test and started again on the same port with the same content.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    /// <summary>The Debian package and the program it installs.</summary>
    public const string Package = "docker-registry";

    private const int Attempts = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly string _program;
    private readonly string _directory;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private ChildProcess? _process;
    private string _lastOutput = "";

    private RegistryServer(string program, string directory, int port, string? username, string? password)
    {
        _program = program;
        _directory = directory;
        Port = port;
        Username = username;
        Password = password;
        if (username is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }
    }

    /// <summary>The port it listens on (the same after <see cref="RestartAsync"/>).</summary>
    public int Port { get; }

    /// <summary>The registry's host:port as it goes in an image reference: <c>127.0.0.1:41234</c>.</summary>
    public string Address => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The API's base URL, <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Url => new($"http://{Address}");

    /// <summary>The user basic auth accepts; null for an open registry.</summary>
    public string? Username { get; }

    /// <summary>That user's password; null for an open registry.</summary>
    public string? Password { get; }

    /// <summary>Where it stores blobs and manifests (<c>docker/registry/v2/…</c> below it): a test can watch an upload arrive.</summary>
    public string StorageDirectory => Path.Combine(_directory, "data");

    /// <summary>Whether it is running (false after <see cref="StopAsync"/>).</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the registry logged so far (for failure messages).</summary>
    public string Output => _process?.Output ?? _lastOutput;

    /// <summary>Starts a registry, open or (given a user) with basic auth, and waits until <c>/v2/</c> answers.</summary>
    /// <exception cref="InvalidOperationException">docker-registry is not installed or would not start; the message says why.</exception>
    public static async Task<RegistryServer> StartAsync(string? username = null, string? password = null, CancellationToken cancellationToken = default)
    {
        if ((username is null) != (password is null))
        {
            throw new ArgumentException("Give both a username and a password, or neither for an open registry.", nameof(username));
        }

        var program = TestEnvironment.FindProgram("/usr/bin/docker-registry", "docker-registry", "registry") ?? throw new InvalidOperationException(
            $"The image registry '{Package}' is not installed. The Docker tests need a real one: install it with `sudo apt-get install -y {Package}`.");

        var failures = new List<string>();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "registry-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(directory);
            var server = new RegistryServer(program, directory, FreePort.Next(), username, password);
            try
            {
                server.WriteConfiguration();
                if (await server.StartProcessAsync(cancellationToken))
                {
                    return server;
                }

                failures.Add($"port {server.Port}: {server.Output.Trim()}");
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }

            // Most likely the port was taken between FreePort.Next() and the bind: try another one.
            await server.DisposeAsync();
        }

        throw new InvalidOperationException($"{Package} did not start ({string.Join("; ", failures)}).");
    }

    /// <summary>Stops the registry (SIGTERM, then kill): pushes to it fail from now on.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            // Its output stays readable for a failure message after the stop.
            _lastOutput = _process.Output;
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Starts it again on the same port with the same content.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        if (!await StartProcessAsync(cancellationToken))
        {
            throw new InvalidOperationException($"{Package} did not start again on port {Port}: {Output}");
        }
    }

    /// <summary>The digest (<c>sha256:…</c>) of the manifest <paramref name="repository"/>:<paramref name="reference"/>, or null when there is none.</summary>
    public async Task<string?> ManifestDigestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(Url, $"/v2/{repository}/manifests/{reference}"));
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.First() : null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private void WriteConfiguration()
    {
        var auth = "";
        if (Username is not null)
        {
            File.WriteAllText(Path.Combine(_directory, "htpasswd"), $"{Username}:{BCrypt.Net.BCrypt.HashPassword(Password, workFactor: 5)}\n");
            auth = $"""
                auth:
                  htpasswd:
                    realm: deploy-test
                    path: {Path.Combine(_directory, "htpasswd")}
                """;
        }

        File.WriteAllText(Path.Combine(_directory, "config.yml"), $"""
            version: 0.1
            log:
              level: info
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {Path.Combine(_directory, "data")}
              delete:
                enabled: true
            http:
              addr: {Address}
              secret: {Guid.NewGuid():N}
            {auth}
            """);
    }

    /// <summary>Starts the process and polls <c>/v2/</c> until it answers 200 or 401 (true) or the process exits (false).</summary>
    private async Task<bool> StartProcessAsync(CancellationToken cancellationToken)
    {
        _process = ChildProcess.Start(_program, ["serve", Path.Combine(_directory, "config.yml")]);
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (!_process.HasExited)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(Url, "/v2/"), cancellationToken);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"{Package} on {Url} did not answer within {ReadyTimeout.TotalSeconds:0} s. Its output: {Output.Trim()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        return false;
    }
}
