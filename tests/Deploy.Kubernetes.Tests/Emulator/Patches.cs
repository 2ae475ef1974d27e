using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>
/// The two patch kinds a rollout sends, as the API server applies them: a strategic merge patch (objects merge, null
/// deletes, <c>containers</c> lists merge by <c>name</c>; other lists are replaced; an object with
/// <c>"$patch": "replace"</c> replaces its target whole, as a ControllerRevision's patch does) and a JSON patch
/// (RFC 6902: add, replace, remove by JSON pointer).
/// </summary>
internal static class Patches
{
    private static readonly HashSet<string> MergedByName = ["containers", "initContainers"];

    public static void StrategicMerge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) || key == "$retainKeys")
            {
                // Directives about order and retained keys (kubectl set image sends $setElementOrder): nothing to store.
                continue;
            }

            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject { } replacing && (string?)replacing["$patch"] == "replace")
            {
                var whole = (JsonObject)replacing.DeepClone();
                whole.Remove("$patch");
                target[key] = whole;
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                StrategicMerge(targetObject, patchObject);
            }
            else if (value is JsonArray patchArray && MergedByName.Contains(key) && target[key] is JsonArray targetArray)
            {
                foreach (var item in patchArray.OfType<JsonObject>())
                {
                    var name = (string?)item["name"];
                    var existing = targetArray.OfType<JsonObject>().FirstOrDefault(t => (string?)t["name"] == name);
                    if ((string?)item["$patch"] == "delete")
                    {
                        if (existing is not null)
                        {
                            targetArray.Remove(existing);
                        }
                    }
                    else if (existing is null)
                    {
                        targetArray.Add(item.DeepClone());
                    }
                    else
                    {
                        StrategicMerge(existing, item);
                    }
                }
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    public static void Json(JsonObject target, JsonArray operations)
    {
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = (string?)operation["op"];
            var path = ((string?)operation["path"] ?? string.Empty).Split('/').Skip(1)
                .Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
            var parent = target;
            foreach (var segment in path.SkipLast(1))
            {
                parent = parent[segment] as JsonObject ?? throw new InvalidOperationException($"The path {operation["path"]} does not exist.");
            }

            var last = path[^1];
            switch (op)
            {
                case "add":
                case "replace":
                    parent[last] = operation["value"]?.DeepClone();
                    break;
                case "remove":
                    parent.Remove(last);
                    break;
                default:
                    throw new InvalidOperationException($"The emulator does not implement the JSON patch operation \"{op}\".");
            }
        }
    }
}
