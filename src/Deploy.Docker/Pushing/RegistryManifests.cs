using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Serilog;

namespace Deploy.Docker.Pushing;

/// <summary>
/// Asks a registry which manifest digest a tag names (<c>HEAD /v2/&lt;name&gt;/manifests/&lt;tag&gt;</c>, the
/// <c>Docker-Content-Digest</c> header), answering a Basic or Bearer token challenge with the push's credentials.
/// Only a hint to skip an upload: any failure is logged at debug level and answers null, and the image is pushed.
/// </summary>
internal sealed class RegistryManifests(ILogger log, TimeProvider time)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    /// <summary>The digest <paramref name="tag"/> names in <paramref name="name"/> on <paramref name="registry"/>; null when it names none or the registry cannot say.</summary>
    public async Task<string?> DigestAsync(string registry, string name, string tag, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var http = new HttpClient();
        // The engine talks TLS to a registry unless it is configured as insecure (localhost always is): try the same.
        foreach (var scheme in new[] { "https", "http" })
        {
            try
            {
                return await DigestAsync(http, new Uri($"{scheme}://{registry}/v2/{name}/manifests/{tag}"), name, credentials, linked.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException exception) when (scheme == "https")
            {
                log.Debug("The registry {Registry} did not answer over https ({Message}); trying http", registry, exception.Message);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is HttpRequestException or OperationCanceledException or JsonException or FormatException)
            {
                log.Debug("Could not ask {Registry} for the digest of {Name}:{Tag} ({Message}), so it is pushed", registry, name, tag, exception.Message);
                return null;
            }
        }

        return null;
    }

    private static async Task<string?> DigestAsync(HttpClient http, Uri manifest, string name, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        using var first = await HeadAsync(http, manifest, null, cancellationToken).ConfigureAwait(false);
        if (first.StatusCode != HttpStatusCode.Unauthorized || credentials.Username is null || credentials.Password is null)
        {
            return Digest(first);
        }

        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
        var challenge = first.Headers.WwwAuthenticate.FirstOrDefault();
        if (challenge is null || challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            using var again = await HeadAsync(http, manifest, basic, cancellationToken).ConfigureAwait(false);
            return Digest(again);
        }

        var token = await TokenAsync(http, challenge, name, basic, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return null;
        }

        using var authorized = await HeadAsync(http, manifest, new AuthenticationHeaderValue("Bearer", token), cancellationToken).ConfigureAwait(false);
        return Digest(authorized);
    }

    private static async Task<HttpResponseMessage> HeadAsync(HttpClient http, Uri manifest, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, manifest);
        foreach (var type in ManifestTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        request.Headers.Authorization = authorization;
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A token from the challenge's realm (the registry token protocol), for pulling <paramref name="name"/>.</summary>
    private static async Task<string?> TokenAsync(HttpClient http, AuthenticationHeaderValue challenge, string name, AuthenticationHeaderValue basic, CancellationToken cancellationToken)
    {
        var parameters = (challenge.Parameter ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].ToLowerInvariant(), p => p[1].Trim('"'), StringComparer.Ordinal);
        if (!parameters.TryGetValue("realm", out var realm))
        {
            return null;
        }

        var query = $"scope={Uri.EscapeDataString($"repository:{name}:pull")}" + (parameters.TryGetValue("service", out var service) ? $"&service={Uri.EscapeDataString(service)}" : "");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{realm}{(realm.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{query}"));
        request.Headers.Authorization = basic;
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        return (body.RootElement.TryGetProperty("token", out var token) || body.RootElement.TryGetProperty("access_token", out token)) ? token.GetString() : null;
    }

    private static string? Digest(HttpResponseMessage response) =>
        response.IsSuccessStatusCode && response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
}
