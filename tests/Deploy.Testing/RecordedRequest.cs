namespace Deploy.Testing;

/// <summary>An HTTP request a <see cref="CannedHttpServer"/> received.</summary>
/// <param name="Method">GET, POST, …</param>
/// <param name="Target">The request target: path and query, as sent.</param>
/// <param name="Headers">Header names in lower case.</param>
/// <param name="Body">The body as UTF-8 text.</param>
public sealed record RecordedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body);
