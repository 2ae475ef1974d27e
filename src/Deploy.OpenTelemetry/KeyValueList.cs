namespace Deploy.OpenTelemetry;

/// <summary>
/// The list format of <c>OTEL_EXPORTER_OTLP_HEADERS</c> and <c>OTEL_RESOURCE_ATTRIBUTES</c>: <c>name=value</c> pairs
/// separated by commas, values percent-encoded (W3C Baggage octets, see
/// https://opentelemetry.io/docs/specs/otel/protocol/exporter/#specifying-headers-via-environment-variables).
/// </summary>
internal static class KeyValueList
{
    /// <summary>The pairs, or null and the 1-based position of the first entry that is not <c>name=value</c>.</summary>
    public static (List<KeyValuePair<string, string>>? Pairs, int BadEntry) Parse(string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var entries = text.Split(',');
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i].Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            var name = separator < 0 ? "" : entry[..separator].Trim();
            if (name.Length == 0)
            {
                return (null, i + 1);
            }

            pairs.Add(new(name, Uri.UnescapeDataString(entry[(separator + 1)..].Trim())));
        }

        return (pairs, 0);
    }
}
