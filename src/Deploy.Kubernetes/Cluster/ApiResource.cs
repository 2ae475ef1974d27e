namespace Deploy.Kubernetes.Cluster;

/// <summary>A kind as the API server serves it (discovery): where its objects live, and whether in a namespace.</summary>
/// <param name="GroupVersion"><c>apps/v1</c>, or <c>v1</c> for the core group.</param>
/// <param name="Plural">The resource: <c>deployments</c>.</param>
/// <param name="Kind"><c>Deployment</c>.</param>
/// <param name="Namespaced">Whether its objects live in a namespace (ConfigMap) or in the cluster (Namespace, ClusterRole).</param>
internal sealed record ApiResource(string GroupVersion, string Plural, string Kind, bool Namespaced)
{
    public string Group => GroupVersion.Contains('/', StringComparison.Ordinal) ? GroupVersion[..GroupVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;

    /// <summary>kubectl's name for the resource: <c>deployment.apps</c>, <c>service</c>.</summary>
    public string Display => Group.Length == 0 ? Kind.ToLowerInvariant() : $"{Kind.ToLowerInvariant()}.{Group}";

    /// <summary>The object's path: <c>apis/apps/v1/namespaces/apps/deployments/web</c>.</summary>
    public string PathOf(string? @namespace, string name) =>
        $"{(Group.Length == 0 ? "api" : "apis")}/{GroupVersion}/{(Namespaced ? $"namespaces/{Uri.EscapeDataString(@namespace!)}/" : "")}{Plural}/{Uri.EscapeDataString(name)}";
}
