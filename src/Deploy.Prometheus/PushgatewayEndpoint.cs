using System.Net.Http.Headers;
using System.Text;

namespace Deploy.Prometheus;

/// <summary>
/// The URL of one push group and the credentials for it. Credentials given in the URL's user-info part go
/// into the Authorization header only; the request URL and everything shown (<see cref="Display"/>) carry
/// none of them.
/// </summary>
internal sealed class PushgatewayEndpoint
{
    private PushgatewayEndpoint(Uri pushUri, AuthenticationHeaderValue? authorization, string display)
    {
        PushUri = pushUri;
        Authorization = authorization;
        Display = display;
    }

    /// <summary>The group's URL, without credentials.</summary>
    public Uri PushUri { get; }

    /// <summary>Basic authentication from the URL's user-info, if it had any.</summary>
    public AuthenticationHeaderValue? Authorization { get; }

    /// <summary>The group's URL as shown in logs and the summary, credentials masked: <c>https://***@host/metrics/job/deploy</c>.</summary>
    public string Display { get; }

    /// <summary>
    /// <c>&lt;url&gt;/metrics/job/&lt;job&gt;{/&lt;label&gt;/&lt;value&gt;}</c>, under any path the base URL has
    /// (a gateway behind a reverse proxy). https://github.com/prometheus/pushgateway#url
    /// </summary>
    public static PushgatewayEndpoint Create(Uri baseUrl, string job, IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        var path = new StringBuilder(baseUrl.AbsolutePath.TrimEnd('/')).Append("/metrics/").Append(GroupingKey.Segment("job", job));
        foreach (var (name, value) in labels)
        {
            path.Append('/').Append(GroupingKey.Segment(name, value));
        }

        var server = baseUrl.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        var pushUri = new Uri(server + path, UriKind.Absolute);
        var display = baseUrl.UserInfo.Length > 0 ? InsertMask(pushUri.AbsoluteUri, pushUri.Scheme) : pushUri.AbsoluteUri;
        return new PushgatewayEndpoint(pushUri, BasicAuthentication(baseUrl.UserInfo), display);
    }

    /// <summary>A URL as it may be shown: its user-info (user and password) replaced by <c>***</c>.</summary>
    public static string Mask(Uri url)
    {
        if (!url.IsAbsoluteUri || url.UserInfo.Length == 0)
        {
            return url.ToString();
        }

        return InsertMask(url.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped), url.Scheme);
    }

    /// <summary>"https://host/x" → "https://***@host/x".</summary>
    private static string InsertMask(string urlWithoutUserInfo, string scheme)
    {
        var afterScheme = scheme.Length + "://".Length;
        return string.Concat(urlWithoutUserInfo.AsSpan(0, afterScheme), "***@", urlWithoutUserInfo.AsSpan(afterScheme));
    }

    public override string ToString() => Display;

    /// <summary>"user:pass%40word" (as escaped in the URL) → <c>Basic base64("user:pass@word")</c>.</summary>
    private static AuthenticationHeaderValue? BasicAuthentication(string userInfo)
    {
        if (userInfo.Length == 0)
        {
            return null;
        }

        var separator = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(separator < 0 ? userInfo : userInfo[..separator]);
        var password = separator < 0 ? "" : Uri.UnescapeDataString(userInfo[(separator + 1)..]);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    }
}
