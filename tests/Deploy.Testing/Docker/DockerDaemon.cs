using System.Net.Http;
using System.Net.Sockets;

namespace Deploy.Testing.Docker;

/// <summary>
/// A Docker engine for the tests: the one <c>DOCKER_HOST</c> (or <c>/var/run/docker.sock</c>) points at when it
/// answers <c>/_ping</c>, else Debian's <c>dockerd</c> (package <c>docker.io</c>) started with its own socket,
/// data root, exec root and pid file under a temp dir (<c>--storage-driver=vfs --iptables=false --bridge=none</c>:
/// containers use host networking). A daemon it started is stopped and its directory removed on dispose.
/// Start one per test assembly (an xunit collection fixture): starting dockerd takes a few seconds.
/// Missing <c>dockerd</c> is an error with what to install, never a silent skip.
/// </summary>
public sealed class DockerDaemon : IAsyncDisposable
{
    /// <summary>The Debian package that installs <c>dockerd</c> and the <c>docker</c> CLI.</summary>
    public const string Package = "docker.io";

    private const string DefaultSocket = "/var/run/docker.sock";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess? _process;
    private readonly string? _directory;

    private DockerDaemon(string host, ChildProcess? process, string? directory)
    {
        Host = host;
        _process = process;
        _directory = directory;
        Cli = new DockerCli(host);
    }

    /// <summary>The engine's address in <c>DOCKER_HOST</c> form: <c>unix:///tmp/…/docker.sock</c> or <c>tcp://host:port</c>.</summary>
    public string Host { get; }

    /// <summary>Whether this fixture started the daemon (and so stops it), rather than using one that was running.</summary>
    public bool Started => _process is not null;

    /// <summary>The <c>docker</c> CLI pointed at this engine, for tests to set up and check what the code under test did.</summary>
    public DockerCli Cli { get; }

    /// <summary>What the daemon it started logged so far (empty for one it did not start).</summary>
    public string Output => _process?.Output ?? "";

    /// <summary>Finds a running engine or starts one, and waits until it answers <c>/_ping</c>.</summary>
    /// <exception cref="InvalidOperationException">No engine answers and dockerd is not installed or would not start; the message says why.</exception>
    public static async Task<DockerDaemon> StartAsync(CancellationToken cancellationToken = default)
    {
        var configured = Environment.GetEnvironmentVariable("DOCKER_HOST");
        foreach (var host in new[] { configured, "unix://" + DefaultSocket })
        {
            if (!string.IsNullOrEmpty(host) && await PingAsync(host, cancellationToken))
            {
                return new DockerDaemon(host, process: null, directory: null);
            }
        }

        var program = TestEnvironment.FindProgram("dockerd", "/usr/sbin/dockerd") ?? throw new InvalidOperationException(
            $"No Docker engine answers (DOCKER_HOST is '{configured ?? "(not set)"}', and {DefaultSocket} does not answer) and 'dockerd' " +
            $"is not installed. The Docker tests need a real engine: install it with `sudo apt-get install -y {Package}`, " +
            "or set DOCKER_HOST to a running one.");

        // Short: a unix socket path has to fit in 108 bytes, containerd's socket lives under the exec root.
        var directory = Path.Combine(Path.GetTempPath(), "dockerd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var socket = "unix://" + Path.Combine(directory, "docker.sock");
        var process = ChildProcess.Start(program,
        [
            "--host", socket,
            "--data-root", Path.Combine(directory, "data"),
            "--exec-root", Path.Combine(directory, "exec"),
            "--pidfile", Path.Combine(directory, "docker.pid"),
            "--storage-driver=vfs",
            "--iptables=false",
            "--ip6tables=false",
            "--bridge=none",
        ]);
        var daemon = new DockerDaemon(socket, process, directory);
        try
        {
            var deadline = DateTime.UtcNow + ReadyTimeout;
            while (!await PingAsync(socket, cancellationToken))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"dockerd exited before it answered on {socket}. Its output:\n{process.Output}");
                }

                if (DateTime.UtcNow >= deadline)
                {
                    throw new InvalidOperationException(
                        $"dockerd did not answer /_ping on {socket} within {ReadyTimeout.TotalSeconds:0} s. Its output:\n{process.Output}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }

            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether an engine answers <c>GET /_ping</c> at <paramref name="host"/> (a <c>DOCKER_HOST</c> value) within two seconds.</summary>
    public static async Task<bool> PingAsync(string host, CancellationToken cancellationToken = default)
    {
        using var handler = CreateHandler(host, out var baseAddress);
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(new Uri(baseAddress, "/_ping"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        DeleteDirectory(Cli.ConfigDirectory);
        if (_process is null)
        {
            return;
        }

        await _process.DisposeAsync();
        if (_directory is not null)
        {
            await UnmountAsync(_directory);
            DeleteDirectory(_directory);
        }
    }

    /// <summary>
    /// dockerd leaves its network namespace bind-mounted (<c>exec/netns/default</c>) after it exits, which would stop the
    /// directory from being deleted: unmount whatever is still mounted below it, deepest first.
    /// </summary>
    private static async Task UnmountAsync(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        var mounts = (await File.ReadAllLinesAsync("/proc/self/mounts"))
            .Select(line => line.Split(' ')[1].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(point => point.StartsWith(prefix, StringComparison.Ordinal))
            .OrderByDescending(point => point.Length);
        foreach (var point in mounts)
        {
            await TestProcess.RunAsync("umount", ["--lazy", point]);
        }
    }

    /// <summary>Removes what the daemon left, best-effort (a mount left by a killed daemon would stop the delete).</summary>
    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static SocketsHttpHandler CreateHandler(string host, out Uri baseAddress)
    {
        if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = host["unix://".Length..];
            baseAddress = new Uri("http://docker");
            return new SocketsHttpHandler
            {
                ConnectCallback = async (_, token) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), token);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
        }

        baseAddress = new Uri(host.Replace("tcp://", "http://", StringComparison.Ordinal));
        return new SocketsHttpHandler();
    }
}
