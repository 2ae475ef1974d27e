namespace Deploy.OpenTelemetry.Tests.Support;

/// <summary>One OTLP/HTTP export request: its headers, its resources' attributes and its spans.</summary>
/// <param name="Headers">Request headers, names in lower case.</param>
/// <param name="ContentType">The request's content type.</param>
/// <param name="Resource">Attributes of the resource the spans came from.</param>
/// <param name="Spans">Every span in the request.</param>
public sealed record ReceivedExport(
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    IReadOnlyDictionary<string, object> Resource,
    IReadOnlyList<ReceivedSpan> Spans);
