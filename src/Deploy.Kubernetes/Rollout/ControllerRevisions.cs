using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.Kubernetes.Cluster;
using k8s.Models;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// The history of StatefulSets and DaemonSets: ControllerRevisions owned by the workload, numbered by
/// <c>revision</c>, each holding the strategic merge patch <c>{"spec":{"template":{…,"$patch":"replace"}}}</c> that
/// puts its pod template back (the controllers' getPatch); pods carry <c>controller-revision-hash</c>.
/// </summary>
internal static class ControllerRevisions
{
    /// <summary>The pod label naming a pod's revision (StatefulSet: the revision's name; DaemonSet: its hash).</summary>
    public const string HashLabel = "controller-revision-hash";

    public static async Task<IReadOnlyList<V1ControllerRevision>> OwnedAsync(ClusterApi api, V1LabelSelector selector, V1ObjectMeta owner, CancellationToken cancellationToken)
    {
        var list = await api.ListControllerRevisionsAsync(LabelSelectors.Of(selector), cancellationToken).ConfigureAwait(false);
        return [.. list.Items.Where(r => r.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == owner.Uid) == true)];
    }

    /// <summary>The patch a revision holds, as JSON.</summary>
    public static JsonNode? DataOf(V1ControllerRevision revision) =>
        revision.Data is null ? null : JsonSerializer.SerializeToNode(revision.Data);

    /// <summary>The newest revision that holds <paramref name="template"/>; null when none does (the controller has not seen it yet).</summary>
    public static V1ControllerRevision? Holding(IEnumerable<V1ControllerRevision> revisions, V1PodTemplateSpec template) =>
        revisions.Where(r => Revisions.SameTemplate(TemplateOf(r), template)).MaxBy(r => r.Revision);

    private static JsonNode? TemplateOf(V1ControllerRevision revision)
    {
        var template = DataOf(revision)?["spec"]?["template"]?.DeepClone();
        (template as JsonObject)?.Remove("$patch");
        return template;
    }
}
