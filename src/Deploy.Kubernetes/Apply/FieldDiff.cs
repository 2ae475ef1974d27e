using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Apply;

/// <summary>
/// The fields that differ between the live object and what the server's dry run says it would become, as paths in the
/// server's own notation (<c>.spec.template.spec.containers[name="web"].image</c>). Bookkeeping the server changes on
/// every write (managedFields, resourceVersion, generation, status) is not a change.
/// </summary>
internal static class FieldDiff
{
    private static readonly HashSet<string> Bookkeeping = ["managedFields", "resourceVersion", "generation", "creationTimestamp", "uid", "selfLink"];

    public static IReadOnlyList<string> Between(JsonObject live, JsonObject applied)
    {
        var paths = new List<string>();
        Compare(string.Empty, Strip(live), Strip(applied), paths);
        return paths;
    }

    private static JsonObject Strip(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var key in Bookkeeping)
            {
                metadata.Remove(key);
            }
        }

        return copy;
    }

    private static void Compare(string path, JsonNode? before, JsonNode? after, List<string> paths)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        switch (before, after)
        {
            case (JsonObject first, JsonObject second):
                foreach (var key in first.Select(p => p.Key).Union(second.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Compare($"{path}.{key}", first[key], second[key], paths);
                }

                break;
            case (JsonArray first, JsonArray second) when ByName(first) && ByName(second):
                foreach (var name in first.Concat(second).Select(NameOf).Distinct(StringComparer.Ordinal))
                {
                    Compare($"{path}[name=\"{name}\"]", first.FirstOrDefault(i => NameOf(i) == name), second.FirstOrDefault(i => NameOf(i) == name), paths);
                }

                break;
            default:
                paths.Add(path);
                break;
        }
    }

    private static bool ByName(JsonArray array) => array.All(i => i is JsonObject item && item["name"] is JsonValue);

    private static string NameOf(JsonNode? item) => item?["name"]?.ToString() ?? string.Empty;
}
