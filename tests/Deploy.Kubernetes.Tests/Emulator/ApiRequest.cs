namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>A request the emulator received: method, path, query and content type, for tests to assert on.</summary>
internal sealed record ApiRequest(string Method, string Path, string Query, string? ContentType)
{
    public bool IsWatch => Query.Contains("watch=true", StringComparison.Ordinal);

    public string? Parameter(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue(name, out var value) ? value.ToString() : null;
}
