using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// The deployment controller's bookkeeping that kubectl reads: revision annotations, the pod-template-hash label,
/// owner references, and "the same template" (kubectl's equalIgnoreHash).
/// </summary>
internal static class Revisions
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string HashLabel = "pod-template-hash";
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";

    /// <summary>Deployment annotations a rollback keeps instead of copying them from the ReplicaSet (kubectl's annotationsToSkip).</summary>
    public static readonly IReadOnlySet<string> KeptOnRollback = new HashSet<string>(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        RevisionAnnotation,
        "deployment.kubernetes.io/revision-history",
        "deployment.kubernetes.io/desired-replicas",
        "deployment.kubernetes.io/max-replicas",
        "deprecated.deployment.rollback.to",
    };

    public static long? Of(V1ObjectMeta metadata) =>
        metadata.Annotations?.TryGetValue(RevisionAnnotation, out var value) == true
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : null;

    public static bool IsOwnedBy(V1ReplicaSet replicaSet, V1Deployment deployment) =>
        replicaSet.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == deployment.Metadata.Uid) == true;

    /// <summary>Whether two pod templates are the same once the pod-template-hash label is ignored; nulls and empties count as equal, as in Go.</summary>
    public static bool SameTemplate(V1PodTemplateSpec first, V1PodTemplateSpec second) =>
        JsonNode.DeepEquals(Normalized(first), Normalized(second));

    /// <summary>The same comparison for a template held as JSON (a ControllerRevision's).</summary>
    public static bool SameTemplate(JsonNode? first, V1PodTemplateSpec second) =>
        first is not null && JsonNode.DeepEquals(Prune(JsonNode.Parse(first.ToJsonString())), Normalized(second));

    /// <summary>A copy of <paramref name="template"/> without the pod-template-hash label, as a rollback writes it back.</summary>
    public static JsonNode WithoutHash(V1PodTemplateSpec template)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(template))!;
        if (node["metadata"]?["labels"] is JsonObject labels)
        {
            labels.Remove(HashLabel);
        }

        return node;
    }

    private static JsonNode? Normalized(V1PodTemplateSpec template) => Prune(WithoutHash(template));

    private static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    var pruned = Prune(value);
                    if (pruned is null)
                    {
                        obj.Remove(key);
                    }
                    else if (!ReferenceEquals(pruned, value))
                    {
                        obj[key] = pruned;
                    }
                }

                return obj.Count == 0 ? null : obj;
            case JsonArray array:
                foreach (var item in array.ToList())
                {
                    Prune(item);
                }

                return array.Count == 0 ? null : array;
            default:
                return node;
        }
    }
}
