namespace Deploy.Kubernetes.Cluster;

/// <summary>
/// How the user a context names stands in the kubeconfig files, read from the YAML itself: KubernetesClient drops
/// the keys it does not model, so only the text tells an empty <c>user: {}</c> from one with credentials it cannot use.
/// </summary>
internal enum KubeconfigUser
{
    /// <summary>The user entry has credentials (or keys of some kind): KubernetesClient decides what to make of them.</summary>
    WithCredentials,

    /// <summary><c>user: {}</c> or <c>user:</c>: what <c>kubectl proxy</c> or an insecure local endpoint needs; no auth header.</summary>
    Empty,

    /// <summary>No user entry of that name: kubectl then sends requests without credentials, and so do we.</summary>
    Missing,
}
