using Deploy.Kubernetes.Cluster;

namespace Deploy.Kubernetes.Apply;

/// <summary>The server's kinds, asked once per apiVersion (discovery: <c>/api/v1</c>, <c>/apis/apps/v1</c>).</summary>
internal sealed class ResourceCatalog(ClusterApi api)
{
    private readonly Dictionary<string, IReadOnlyList<ApiResource>?> _served = new(StringComparer.Ordinal);

    /// <summary>The resource for <paramref name="kind"/> in <paramref name="apiVersion"/>; null, with the reason, when the server has none.</summary>
    public async Task<(ApiResource? Resource, string? Missing)> FindAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        if (!_served.TryGetValue(apiVersion, out var resources))
        {
            resources = await api.DiscoverAsync(apiVersion, cancellationToken).ConfigureAwait(false);
            _served[apiVersion] = resources;
        }

        if (resources is null)
        {
            return (null, $"the API server does not serve apiVersion {apiVersion} (kubectl api-versions lists what it does): check the apiVersion");
        }

        var resource = resources.FirstOrDefault(r => r.Kind == kind);
        return resource is null
            ? (null, $"the API server has no kind {kind} in {apiVersion} (kubectl api-resources lists them): check the kind, or install its CustomResourceDefinition first")
            : (resource, null);
    }
}
