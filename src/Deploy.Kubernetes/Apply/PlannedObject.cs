using System.Text.Json.Nodes;
using Deploy.Kubernetes.Cluster;
using Deploy.Kubernetes.Manifests;
using Deploy.Kubernetes.Rollout;

namespace Deploy.Kubernetes.Apply;

/// <summary>One manifest object on its way to the server: its kind as served, where it goes, and what the dry run said.</summary>
internal sealed class PlannedObject(ManifestObject manifest, ApiResource resource, string? @namespace)
{
    public ManifestObject Manifest { get; } = manifest;

    public ApiResource Resource { get; } = resource;

    /// <summary>Where it goes: the namespace it names, else the rollout's; null for a cluster-scoped kind.</summary>
    public string? Namespace { get; } = @namespace;

    public string Name => Manifest.Name;

    /// <summary>The object as it is before the apply; null when it does not exist.</summary>
    public JsonObject? Live { get; set; }

    /// <summary>Whether the apply takes over conflicting fields (--force-conflicts, or fields only Deploy itself wrote).</summary>
    public bool Force { get; set; }

    /// <summary>Whether its namespace is created by these manifests, so the server can only check it when it is applied.</summary>
    public bool InNewNamespace { get; set; }

    public AppliedChange Change { get; set; }

    public IReadOnlyList<string> ChangedFields { get; set; } = [];

    public long? RevisionBefore { get; set; }

    /// <summary>The workload to wait for when it is a Deployment, StatefulSet or DaemonSet; null otherwise.</summary>
    public Workload? Workload => Rollout.Workload.KindOf(Resource.Group, Resource.Kind) is { } kind ? new Workload(kind, Namespace!, Name) : null;

    /// <summary>As kubectl names it: <c>deployment.apps/web in apps</c>.</summary>
    public string Display => $"{Resource.Display}/{Name}{(Namespace is null ? string.Empty : $" in {Namespace}")}";

    public AppliedObject ToApplied() => new()
    {
        ApiVersion = Manifest.ApiVersion,
        Kind = Resource.Kind,
        Namespace = Namespace,
        Name = Name,
        Source = Manifest.Source,
        Change = Change,
        ChangedFields = ChangedFields,
        RevisionBefore = RevisionBefore,
    };
}
