namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>A request the emulator received: method, path, query, content type, body and Authorization header, for tests to assert on.</summary>
internal sealed record ApiRequest(string Method, string Path, string Query, string? ContentType, string Body = "")
{
    /// <summary>The Authorization header as sent; null when the request had none.</summary>
    public string? Authorization { get; init; }

    public bool IsWatch => Query.Contains("watch=true", StringComparison.Ordinal);

    public bool IsDryRun => Query.Contains("dryRun=All", StringComparison.Ordinal);

    /// <summary>A request that changes something: a write that is not a dry run.</summary>
    public bool IsWrite => Method is "POST" or "PATCH" or "PUT" or "DELETE" && !IsDryRun;

    public string? Parameter(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue(name, out var value) ? value.ToString() : null;
}
