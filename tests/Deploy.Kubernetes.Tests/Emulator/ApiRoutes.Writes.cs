using System.Text.Json;
using System.Text.Json.Nodes;
using Deploy.Kubernetes.Tests.Emulator.Fields;
using Microsoft.AspNetCore.Http;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// Writes: create (POST), patch (PATCH: server-side apply with field ownership, conflicts and force; strategic merge,
/// JSON merge and JSON patch as updates that take the fields they change) and delete (with what the object owns, as
/// the garbage collector would). <c>dryRun=All</c> does everything but store. A spec change of a workload is a new generation.
/// </summary>
internal sealed partial class ApiRoutes
{
    private const string ApplyPatch = "application/apply-patch+yaml";

    private async Task<(JsonObject, int)> CreateAsync(HttpContext context, EmulatedResource resource, string ns)
    {
        if (await ReadBodyAsync(context) is not JsonObject body)
        {
            return (Objects.Status(400, "BadRequest", "the body of the request is not a JSON object"), 400);
        }

        var name = (string?)body["metadata"]?["name"] ?? string.Empty;
        lock (state.Gate)
        {
            if (state.Get(resource.Plural, ns, name) is not null)
            {
                return (Objects.Status(409, "AlreadyExists", $"{resource.Qualified} \"{name}\" already exists", new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural }), 409);
            }

            if (Admission.Check(state, resource, ns, name, body, null) is { } refused)
            {
                return (refused.Status, refused.Code);
            }

            var created = (JsonObject)body.DeepClone();
            Settle(resource, ns, created, isNew: true);
            FieldManager.Update(null, created, ManagerOf(context));
            return (Store(context, resource, created), 201);
        }
    }

    private async Task<(JsonObject, int)> PatchAsync(HttpContext context, EmulatedResource resource, string ns, string name)
    {
        var query = context.Request.Query;
        var contentType = context.Request.ContentType?.Split(';')[0].Trim();
        var patch = await ReadBodyAsync(context);
        if (contentType == ApplyPatch)
        {
            if (query["fieldManager"].FirstOrDefault() is not { Length: > 0 } manager)
            {
                return (Objects.Status(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"), 422);
            }

            return patch is JsonObject applied
                ? Apply(context, resource, ns, name, applied, manager, query["force"] == "true")
                : (Objects.Status(400, "BadRequest", "the body of an apply patch must be one object"), 400);
        }

        if (query.ContainsKey("force"))
        {
            return (Objects.Status(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch"), 422);
        }

        lock (state.Gate)
        {
            if (state.Get(resource.Plural, ns, name) is not { } live)
            {
                return NotFound(resource, name);
            }

            var updated = (JsonObject)live.DeepClone();
            switch (contentType)
            {
                case "application/strategic-merge-patch+json" or "application/merge-patch+json" when patch is JsonObject merge:
                    Patches.StrategicMerge(updated, merge);
                    break;
                case "application/json-patch+json" when patch is JsonArray operations:
                    Patches.Json(updated, operations);
                    break;
                default:
                    return (Objects.Status(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"), 415);
            }

            if (Admission.Check(state, resource, ns, name, updated, live) is { } refused)
            {
                return (refused.Status, refused.Code);
            }

            Settle(resource, ns, updated, isNew: false, live);
            FieldManager.Update(live, updated, ManagerOf(context));
            return (Store(context, resource, updated, live), 200);
        }
    }

    private (JsonObject, int) Apply(HttpContext context, EmulatedResource resource, string ns, string name, JsonObject applied, string manager, bool force)
    {
        lock (state.Gate)
        {
            var live = state.Get(resource.Plural, ns, name);
            if (Admission.Check(state, resource, ns, name, Identity(applied, resource, ns), live) is { Code: 400 or 404 } mismatch)
            {
                return (mismatch.Status, mismatch.Code);
            }

            var conflicts = new List<(ManagerKey Owner, FieldPath Field)>();
            if (FieldManager.Apply(live, applied, manager, force, conflicts) is not { } result)
            {
                return (Conflict(conflicts), 409);
            }

            if (Admission.Check(state, resource, ns, name, result, live) is { } refused)
            {
                return (refused.Status, refused.Code);
            }

            Settle(resource, ns, result, isNew: live is null, live);
            return (Store(context, resource, result, live), live is null ? 201 : 200);
        }
    }

    private (JsonObject, int) Delete(EmulatedResource resource, string ns, string name)
    {
        lock (state.Gate)
        {
            if (state.Get(resource.Plural, ns, name) is not { } live)
            {
                return NotFound(resource, name);
            }

            // What the garbage collector removes (in the background, as kubectl asks for): what the object owns, and for
            // a Namespace everything in it.
            if (resource.Kind == "Namespace")
            {
                foreach (var kind in EmulatedResource.All.Where(r => r.Namespaced))
                {
                    foreach (var inside in state.List(kind.Plural, name))
                    {
                        state.Delete(kind.Plural, name, Objects.Name(inside));
                    }
                }
            }
            else
            {
                DeleteOwned((string?)live["metadata"]!["uid"], ns);
            }

            state.Delete(resource.Plural, ns, name);
            changed();
            return (live, 200);
        }
    }

    private void DeleteOwned(string? uid, string ns)
    {
        foreach (var kind in new[] { "replicasets", "pods", "controllerrevisions" })
        {
            foreach (var owned in state.List(kind, ns, o => o["metadata"]?["ownerReferences"]?.AsArray().Any(r => (string?)r?["uid"] == uid) == true))
            {
                DeleteOwned((string?)owned["metadata"]!["uid"], ns);
                state.Delete(kind, ns, Objects.Name(owned));
            }
        }
    }

    /// <summary>Defaults, a new object's identity, and a new generation when a workload's spec changed.</summary>
    private void Settle(EmulatedResource resource, string ns, JsonObject obj, bool isNew, JsonObject? live = null)
    {
        if (resource.Namespaced)
        {
            obj["metadata"]!["namespace"] = ns;
        }

        Defaults.Apply(resource, obj);
        if (isNew)
        {
            Defaults.NewObject(obj, state.ResourceVersion);
        }
        else if (resource.IsWorkload)
        {
            // Compared with the defaults filled in on both sides: only what the write changed is a new spec.
            var before = (JsonObject)live!.DeepClone();
            Defaults.Apply(resource, before);
            if (!JsonNode.DeepEquals(before["spec"], obj["spec"]))
            {
                obj["metadata"]!["generation"] = Objects.Generation(live) + 1;
            }
        }
    }

    private JsonObject Store(HttpContext context, EmulatedResource resource, JsonObject obj, JsonObject? live = null)
    {
        // A write that changes nothing is not stored: no new resourceVersion, no watch event (as the API server skips no-op updates).
        if (context.Request.Query["dryRun"] == "All" || (live is not null && JsonNode.DeepEquals(live, obj)))
        {
            return obj;
        }

        var stored = state.Put(resource.Plural, obj);
        changed();
        return stored;
    }

    /// <summary>The Status of a refused apply, as apimachinery builds it (managedfields/internal/conflict.go).</summary>
    private static JsonObject Conflict(List<(ManagerKey Owner, FieldPath Field)> conflicts)
    {
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Owner.Printed}: {conflicts[0].Field}";
        }
        else
        {
            var lines = conflicts.GroupBy(c => c.Owner.Printed).OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => g.Select(c => $"- {c.Field}").Prepend($"conflicts with {g.Key}:"));
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }

        var causes = new JsonArray([.. conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with {c.Owner.Printed}",
            ["field"] = c.Field.ToString(),
        })]);
        return Objects.Status(409, "Conflict", message, new JsonObject { ["causes"] = causes });
    }

    private static JsonObject Identity(JsonObject applied, EmulatedResource resource, string ns)
    {
        var copy = (JsonObject)applied.DeepClone();
        copy["apiVersion"] ??= resource.GroupVersion;
        copy["kind"] ??= resource.Kind;
        return copy;
    }

    private static string ManagerOf(HttpContext context) =>
        context.Request.Query["fieldManager"].FirstOrDefault() is { Length: > 0 } manager ? manager
        : context.Request.Headers.UserAgent.ToString().Split('/')[0] is { Length: > 0 } agent ? agent : "unknown";

    /// <summary>JSON, or YAML for an apply patch (the body's content type says YAML; JSON is YAML too).</summary>
    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            var stream = new YamlDotNet.RepresentationModel.YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : Deploy.Kubernetes.Manifests.YamlToJson.Convert(stream.Documents[0].RootNode);
        }
    }
}
