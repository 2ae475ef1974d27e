namespace Deploy.Kubernetes.Rollout;

/// <summary>One workload a rollout follows (and may roll back).</summary>
internal sealed record Workload(WorkloadKind Kind, string Namespace, string Name)
{
    /// <summary>kubectl's resource name: <c>deployment</c>, <c>statefulset</c>, <c>daemonset</c>.</summary>
    public string Resource => ResourceOf(Kind);

    public static string ResourceOf(WorkloadKind kind) => kind switch
    {
        WorkloadKind.StatefulSet => "statefulset",
        WorkloadKind.DaemonSet => "daemonset",
        _ => "deployment",
    };

    /// <summary>The workload kind of an applied object, or null when it is none (a Service, a ConfigMap).</summary>
    public static WorkloadKind? KindOf(string group, string kind) => (group, kind) switch
    {
        ("apps", "Deployment") => WorkloadKind.Deployment,
        ("apps", "StatefulSet") => WorkloadKind.StatefulSet,
        ("apps", "DaemonSet") => WorkloadKind.DaemonSet,
        _ => null,
    };

    /// <summary>As kubectl names it in messages: <c>statefulset "db"</c>.</summary>
    public override string ToString() => $"{Resource} \"{Name}\"";
}
