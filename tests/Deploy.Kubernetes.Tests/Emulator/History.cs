using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// ControllerRevisions as the StatefulSet and DaemonSet controllers keep them (pkg/controller/history): one per pod
/// template, named <c>{workload}-{hash}</c>, numbered by <c>revision</c>, holding the patch
/// <c>{"spec":{"template":{…,"$patch":"replace"}}}</c>; the revision of the current template is always the highest
/// (a template seen before gets its revision renumbered, as after a rollback).
/// </summary>
internal static class History
{
    public const string HashLabel = "controller.kubernetes.io/hash";
    public const string RevisionHashLabel = "controller-revision-hash";

    public static List<JsonObject> Owned(ClusterState state, JsonObject workload)
    {
        var uid = (string?)workload["metadata"]!["uid"];
        return state.List("controllerrevisions", Objects.Namespace(workload), r => r["metadata"]?["ownerReferences"]?.AsArray().Any(o => (string?)o?["uid"] == uid) == true);
    }

    public static JsonNode? TemplateOf(JsonObject revision)
    {
        var template = revision["data"]?["spec"]?["template"]?.DeepClone();
        (template as JsonObject)?.Remove("$patch");
        return template;
    }

    /// <summary>The revision of the workload's current template, made or renumbered as needed (and stored).</summary>
    public static JsonObject Current(ClusterState state, JsonObject workload, bool labelPodsByHash)
    {
        var owned = Owned(state, workload);
        var template = workload["spec"]!["template"]!;
        var highest = owned.Select(r => Objects.Number(r["revision"])).DefaultIfEmpty(0).Max();
        var current = owned.Where(r => Objects.SameTemplate(TemplateOf(r), template)).MaxBy(r => Objects.Number(r["revision"]));
        if (current is null)
        {
            var hash = Objects.TemplateHash(template);
            var data = template.DeepClone().AsObject();
            data["$patch"] = "replace";
            var labels = (JsonObject)(template["metadata"]?["labels"]?.DeepClone() ?? new JsonObject());
            labels[HashLabel] = hash;
            if (labelPodsByHash)
            {
                labels[RevisionHashLabel] = hash;
            }

            current = new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ControllerRevision",
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"{Objects.Name(workload)}-{hash}",
                    ["namespace"] = Objects.Namespace(workload),
                    ["uid"] = Guid.NewGuid().ToString(),
                    ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "apps/v1",
                        ["kind"] = workload["kind"]!.DeepClone(),
                        ["name"] = Objects.Name(workload),
                        ["uid"] = workload["metadata"]!["uid"]!.DeepClone(),
                        ["controller"] = true,
                    }),
                },
                ["data"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = data } },
                ["revision"] = highest + 1,
            };
            return state.Put("controllerrevisions", current);
        }

        if (Objects.Number(current["revision"]) < highest)
        {
            current["revision"] = highest + 1;
            return state.Put("controllerrevisions", current);
        }

        return current;
    }
}
