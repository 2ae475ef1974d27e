using System.Buffers.Text;
using System.Text;

namespace Deploy.Prometheus;

/// <summary>The path segments of a Pushgateway grouping key.</summary>
internal static class GroupingKey
{
    /// <summary>
    /// <c>name/value</c>, URI-encoded; or <c>name@base64/&lt;base64url&gt;</c> where plain text cannot work
    /// (https://github.com/prometheus/pushgateway#url): a value with <c>/</c> (a path separator even when
    /// %2F-encoded), an empty value (the router drops the empty segment; it is encoded as a single <c>=</c>),
    /// and <c>.</c> or <c>..</c> (dot segments that URL normalisation would remove).
    /// </summary>
    public static string Segment(string name, string value)
    {
        if (value.Length == 0)
        {
            return $"{name}@base64/=";
        }

        return value.Contains('/', StringComparison.Ordinal) || value is "." or ".."
            ? $"{name}@base64/{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value))}"
            : $"{name}/{Uri.EscapeDataString(value)}";
    }
}
