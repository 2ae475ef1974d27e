namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>A kind the emulator serves: discovery lists exactly these, and any other kind is unknown to it.</summary>
internal sealed record EmulatedResource(string Group, string Version, string Plural, string Singular, string Kind, bool Namespaced)
{
    public static readonly IReadOnlyList<EmulatedResource> All =
    [
        new("", "v1", "namespaces", "namespace", "Namespace", Namespaced: false),
        new("", "v1", "configmaps", "configmap", "ConfigMap", Namespaced: true),
        new("", "v1", "secrets", "secret", "Secret", Namespaced: true),
        new("", "v1", "services", "service", "Service", Namespaced: true),
        new("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", Namespaced: true),
        new("", "v1", "pods", "pod", "Pod", Namespaced: true),
        new("apps", "v1", "deployments", "deployment", "Deployment", Namespaced: true),
        new("apps", "v1", "replicasets", "replicaset", "ReplicaSet", Namespaced: true),
        new("apps", "v1", "statefulsets", "statefulset", "StatefulSet", Namespaced: true),
        new("apps", "v1", "daemonsets", "daemonset", "DaemonSet", Namespaced: true),
        new("apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", Namespaced: true),
    ];

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>How the API server names it in messages: <c>deployments.apps</c>, <c>configmaps</c>.</summary>
    public string Qualified => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The kinds whose spec changes make a new generation (and that controllers roll out).</summary>
    public bool IsWorkload => Group == "apps" && Kind is "Deployment" or "StatefulSet" or "DaemonSet";

    public static EmulatedResource? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);
}
