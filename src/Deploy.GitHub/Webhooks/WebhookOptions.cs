using System.Net;
using System.Text;

namespace Deploy.GitHub.Webhooks;

/// <summary>The webhook server's validated settings.</summary>
internal sealed record WebhookOptions(IPAddress Address, int Port, byte[] Secret, IReadOnlyList<string> Branches, long MaxBodyBytes, TimeSpan ShutdownGrace)
{
    /// <summary>How many finished runs <c>GET /runs</c> keeps.</summary>
    public int RecentRuns { get; init; } = 50;

    public string Url => $"http://{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port}";

    /// <summary>Checks every setting and reports all problems at once, with the fix.</summary>
    public static WebhookOptions Create(string listen, string? secret, IReadOnlyList<string> branches, long maxBody, TimeSpan grace)
    {
        var problems = new List<string>();
        IPAddress? address = null;
        var port = 0;
        if (!Uri.TryCreate(listen, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            problems.Add($"Invalid --listen '{listen}': expected an http URL such as http://127.0.0.1:8080 (for https, put a TLS proxy in front).");
        }
        else if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            problems.Add($"Invalid --listen '{listen}': give only scheme, host and port (e.g. http://127.0.0.1:8080); the endpoint is always /webhooks/github.");
        }
        else if (uri.IsLoopback && uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            (address, port) = (IPAddress.Loopback, uri.Port);
        }
        else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed))
        {
            (address, port) = (parsed, uri.Port);
        }
        else
        {
            problems.Add($"Invalid --listen '{listen}': the host must be an IP address or localhost (e.g. http://0.0.0.0:8080 for every interface).");
        }

        if (string.IsNullOrEmpty(secret))
        {
            problems.Add("--serve needs --webhook-secret (or environment variable DEPLOY_WEBHOOK_SECRET): the secret set on the GitHub webhook, so that forged deliveries are refused.");
        }

        if (maxBody < 1024)
        {
            problems.Add($"Invalid --webhook-max-body {maxBody}: give at least 1024 bytes (GitHub sends up to 25 MB; default 5242880).");
        }

        if (grace < TimeSpan.Zero)
        {
            problems.Add($"Invalid --shutdown-grace {grace}: give a duration of zero or more (e.g. 5m).");
        }

        return problems.Count > 0
            ? throw new WebhookException(string.Join(Environment.NewLine, problems))
            : new WebhookOptions(address!, port, Encoding.UTF8.GetBytes(secret!), branches, maxBody, grace);
    }
}
