using System.Globalization;

namespace Deploy.Kubernetes;

/// <summary>One object of the manifests: what the apply did to it and, after a failure or a rollback, what state it is in now.</summary>
public sealed record AppliedObject
{
    /// <summary>Its apiVersion: <c>apps/v1</c>.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>Its kind: <c>Deployment</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Its namespace; null for a cluster-scoped object (a Namespace, a ClusterRole).</summary>
    public string? Namespace { get; init; }

    /// <summary>Its name.</summary>
    public required string Name { get; init; }

    /// <summary>The manifest it came from: <c>deploy/app.yaml (document 2)</c>.</summary>
    public required string Source { get; init; }

    /// <summary>What the apply did to it.</summary>
    public required AppliedChange Change { get; init; }

    /// <summary>For <see cref="AppliedChange.Configured"/>: the fields that changed, as paths (<c>.spec.replicas</c>).</summary>
    public IReadOnlyList<string> ChangedFields { get; init; } = [];

    /// <summary>A Deployment, StatefulSet or DaemonSet that existed: its revision before the apply; null otherwise.</summary>
    public long? RevisionBefore { get; init; }

    /// <summary>A workload: its revision at the end (the new one, or the one a rollback produced).</summary>
    public long? RevisionAfter { get; init; }

    /// <summary>After a failure or rollback: where it is now, as a phrase (<c>rolled back to revision 1 (now revision 3)</c>); null otherwise.</summary>
    public string? State { get; init; }

    /// <summary>As the run record lists it: <c>Deployment apps/web configured</c>.</summary>
    public override string ToString() =>
        $"{Kind} {(Namespace is null ? Name : $"{Namespace}/{Name}")} {Change.ToString().ToLower(CultureInfo.InvariantCulture)}{(State is null ? string.Empty : $" ({State})")}";
}
