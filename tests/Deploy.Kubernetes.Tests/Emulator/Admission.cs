using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// What the API server refuses before storing a write, in its words and Status shapes: an object into a namespace
/// that does not exist (NamespaceLifecycle, 404), a body whose name, namespace or kind disagrees with the URL (400),
/// a ConfigMap value that is not a string (400), and a few validation rules of the emulated kinds (422 Invalid):
/// a workload's selector must match its template's labels and cannot change, containers need a name and an image,
/// a Service needs ports.
/// </summary>
internal static class Admission
{
    public static (int Code, JsonObject Status)? Check(ClusterState state, EmulatedResource resource, string ns, string name, JsonObject obj, JsonObject? live)
    {
        if (resource.Namespaced && state.Get("namespaces", string.Empty, ns) is null)
        {
            return (404, Objects.Status(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" }));
        }

        if ((string?)obj["apiVersion"] != resource.GroupVersion || (string?)obj["kind"] != resource.Kind)
        {
            return BadRequest($"the API version in the data ({obj["apiVersion"]}) does not match the expected API version ({resource.GroupVersion})");
        }

        if ((string?)obj["metadata"]?["name"] != name)
        {
            return BadRequest($"the name of the object ({obj["metadata"]?["name"]}) does not match the name on the URL ({name})");
        }

        if (resource.Namespaced && obj["metadata"]?["namespace"] is { } given && (string?)given != ns)
        {
            return BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if (resource.Kind == "ConfigMap" && obj["data"] is JsonObject data && data.FirstOrDefault(d => d.Value is not JsonValue v || !v.TryGetValue<string>(out _)) is { Key: { } bad })
        {
            return BadRequest($"ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal {Describe(data[bad])} into Go struct field ConfigMap.data of type string");
        }

        var invalid = new List<(string Field, string Message)>();
        if (resource.IsWorkload)
        {
            Workload(obj, live, invalid);
        }

        if (resource.Kind == "Service" && obj["spec"]?["ports"] is not JsonArray { Count: > 0 } && (string?)obj["spec"]?["clusterIP"] != "None")
        {
            invalid.Add(("spec.ports", "Required value"));
        }

        if (invalid.Count == 0)
        {
            return null;
        }

        var causes = new JsonArray([.. invalid.Select(i => (JsonNode)new JsonObject
        {
            ["reason"] = i.Message.StartsWith("Required", StringComparison.Ordinal) ? "FieldValueRequired" : "FieldValueInvalid",
            ["message"] = i.Message,
            ["field"] = i.Field,
        })]);
        var message = $"{resource.Kind}{(resource.Group.Length == 0 ? "" : "." + resource.Group)} \"{name}\" is invalid: {string.Join(", ", invalid.Select(i => $"{i.Field}: {i.Message}"))}";
        return (422, Objects.Status(422, "Invalid", message, new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Kind, ["causes"] = causes }));
    }

    private static void Workload(JsonObject obj, JsonObject? live, List<(string Field, string Message)> invalid)
    {
        var selector = obj["spec"]?["selector"]?["matchLabels"] as JsonObject;
        var labels = obj["spec"]?["template"]?["metadata"]?["labels"] as JsonObject ?? [];
        if (selector is null || selector.Count == 0)
        {
            invalid.Add(("spec.selector", "Required value"));
        }
        else if (selector.Any(s => !JsonNode.DeepEquals(labels[s.Key], s.Value)))
        {
            invalid.Add(("spec.template.metadata.labels", $"Invalid value: {GoMap(labels)}: `selector` does not match template `labels`"));
        }

        if (live is not null && !JsonNode.DeepEquals(live["spec"]?["selector"], obj["spec"]?["selector"]))
        {
            invalid.Add(("spec.selector", $"Invalid value: v1.LabelSelector{{MatchLabels:{GoMap(selector ?? [])}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}: field is immutable"));
        }

        var containers = obj["spec"]?["template"]?["spec"]?["containers"] as JsonArray;
        if (containers is null || containers.Count == 0)
        {
            invalid.Add(("spec.template.spec.containers", "Required value"));
            return;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            if (containers[i]?["name"] is null)
            {
                invalid.Add(($"spec.template.spec.containers[{i}].name", "Required value"));
            }

            if (containers[i]?["image"] is null)
            {
                invalid.Add(($"spec.template.spec.containers[{i}].image", "Required value"));
            }
        }
    }

    private static (int, JsonObject) BadRequest(string message) => (400, Objects.Status(400, "BadRequest", message));

    private static string GoMap(JsonObject map) =>
        "map[string]string{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{p.Value?.ToJsonString()}")) + "}";

    private static string Describe(JsonNode? node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<bool>(out _) => "bool",
        null => "null",
        _ => "number",
    };
}
