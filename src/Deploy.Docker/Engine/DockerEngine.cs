using System.Net.Sockets;
using Deploy.Build;
using Docker.DotNet;

namespace Deploy.Docker.Engine;

/// <summary>
/// Connects to the Docker engine: <c>--docker-host</c>, else <c>DOCKER_HOST</c>, else <c>/var/run/docker.sock</c>;
/// <c>unix://</c> and <c>tcp://</c> addresses. Shared by the image, push and rollout code.
/// </summary>
internal static class DockerEngine
{
    /// <summary>The engine's default address on Linux.</summary>
    public const string DefaultAddress = "unix:///var/run/docker.sock";

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The Docker CLI's own variable for the engine's address, read when <c>--docker-host</c> is not given.</summary>
    public const string HostVariable = "DOCKER_HOST";

    /// <summary>The address to use: the given one, else <c>DOCKER_HOST</c> from the build's <paramref name="environment"/>, else the default socket.</summary>
    public static string ResolveAddress(string? dockerHost, IReadOnlyDictionary<string, string> environment)
    {
        var fromEnvironment = environment.GetValueOrDefault(HostVariable);
        return !string.IsNullOrWhiteSpace(dockerHost) ? dockerHost.Trim()
            : !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment.Trim()
            : DefaultAddress;
    }

    /// <summary>What is wrong with the address the build would use (null when it is valid): a check for planning time.</summary>
    public static string? AddressProblem(string? dockerHost, IReadOnlyDictionary<string, string> environment)
    {
        var address = ResolveAddress(dockerHost, environment);
        return TryParseAddress(address) is null
            ? $"The Docker engine address '{address}'{(string.IsNullOrWhiteSpace(dockerHost) ? $" (from {HostVariable})" : " (--docker-host)")} is not valid. " +
              $"Give unix:///path/to/docker.sock or tcp://HOST:PORT in {HostVariable} or --docker-host."
            : null;
    }

    /// <summary>Parses a <c>DOCKER_HOST</c> value into the URI Docker.DotNet takes.</summary>
    /// <exception cref="DeployException">It is neither <c>unix:///path</c> nor <c>tcp://host:port</c>.</exception>
    public static Uri ParseAddress(string address) => TryParseAddress(address) ?? throw new DeployException(
        $"The Docker engine address '{address}' is not valid. Give unix:///path/to/docker.sock or tcp://HOST:PORT " +
        $"in {HostVariable} or --docker-host.");

    private static Uri? TryParseAddress(string address)
    {
        if (Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            if (uri.Scheme == "unix" && uri.AbsolutePath.Length > 1)
            {
                return uri;
            }

            if (uri.Scheme is "tcp" or "http" or "https" && !string.IsNullOrEmpty(uri.Host))
            {
                return uri;
            }
        }

        return null;
    }

    /// <summary>The preflight of the targets that need the engine: it answers <c>/_ping</c> at the address the build would use.</summary>
    /// <exception cref="DockerEngineUnreachableException">Nothing answers there.</exception>
    public static async Task PingAsync(string? dockerHost, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(dockerHost, environment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A client for the engine at <paramref name="dockerHost"/> (or <c>DOCKER_HOST</c>, or the default socket), checked
    /// with <c>/_ping</c>. The caller disposes it.
    /// </summary>
    /// <exception cref="DockerEngineUnreachableException">Nothing answers there.</exception>
    public static async Task<DockerClient> ConnectAsync(string? dockerHost, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken = default)
    {
        var address = ResolveAddress(dockerHost, environment);
        var uri = ParseAddress(address);
        if (uri.Scheme == "unix" && !File.Exists(uri.LocalPath))
        {
            throw new DockerEngineUnreachableException(address, $"the socket {uri.LocalPath} does not exist");
        }

        // No client-side timeout: builds and pushes take as long as they take; callers cancel through the token.
        // The client owns (and disposes) its configuration.
        var configuration = new DockerClientConfiguration(uri, credentials: null, defaultTimeout: Timeout.InfiniteTimeSpan);
        var client = configuration.CreateClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PingTimeout);
            await client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            return client;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new DockerEngineUnreachableException(address, $"no answer to /_ping within {PingTimeout.TotalSeconds:0} s", e);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or DockerApiException)
        {
            client.Dispose();
            throw new DockerEngineUnreachableException(address, Reason(e), e);
        }
    }

    private static string Reason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused" : socket.Message;
            }
        }

        return exception.Message;
    }
}
