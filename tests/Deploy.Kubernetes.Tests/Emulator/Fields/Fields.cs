using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator.Fields;

/// <summary>An object's field set (its leaves and associative-list items), and reading, setting and removing by path.</summary>
internal static class Fields
{
    public static List<FieldMember> Of(JsonObject obj)
    {
        var members = new List<FieldMember>();
        Walk(obj, FieldPath.Root, members);
        return members;
    }

    public static (bool Found, JsonNode? Value) ValueAt(JsonNode? root, FieldPath path)
    {
        var node = root;
        foreach (var segment in path.Segments)
        {
            switch (node)
            {
                case JsonObject obj when segment.Name is not null && obj.TryGetPropertyValue(segment.Name, out var child):
                    node = child;
                    break;
                case JsonArray array when segment.Key is not null && Find(array, segment.Key) is { } item:
                    node = item;
                    break;
                default:
                    return (false, null);
            }
        }

        return (true, node);
    }

    public static void SetAt(JsonObject root, FieldPath path, JsonNode? value)
    {
        JsonNode parent = root;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            var segment = path.Segments[i];
            var last = i == path.Segments.Count - 1;
            var next = i + 1 < path.Segments.Count ? path.Segments[i + 1] : null;
            if (segment.Name is not null)
            {
                var obj = parent.AsObject();
                if (last)
                {
                    obj[segment.Name] = value?.DeepClone();
                    return;
                }

                if (obj[segment.Name] is not { } child || (next!.Key is not null ? child is not JsonArray : child is not JsonObject))
                {
                    child = next!.Key is not null ? new JsonArray() : new JsonObject();
                    obj[segment.Name] = child;
                }

                parent = child;
            }
            else
            {
                var array = parent.AsArray();
                if (Find(array, segment.Key!) is not { } item)
                {
                    item = (JsonObject)segment.Key!.DeepClone();
                    array.Add(item);
                }

                if (last)
                {
                    return;
                }

                parent = item;
            }
        }
    }

    public static void RemoveAt(JsonObject root, FieldPath path)
    {
        var (found, parent) = ValueAt(root, new FieldPath([.. path.Segments.SkipLast(1)]));
        if (!found)
        {
            return;
        }

        var last = path.Segments[^1];
        if (last.Name is not null && parent is JsonObject obj)
        {
            obj.Remove(last.Name);
        }
        else if (last.Key is not null && parent is JsonArray array && Find(array, last.Key) is { } item)
        {
            array.Remove(item);
        }
    }

    private static JsonObject? Find(JsonArray array, JsonObject key) =>
        array.OfType<JsonObject>().FirstOrDefault(item => key.All(k =>
            JsonNode.DeepEquals(item[k.Key] ?? (Schema.KeyDefaults.TryGetValue(k.Key, out var d) ? JsonValue.Create(d) : null), k.Value)));

    private static void Walk(JsonNode? node, FieldPath path, List<FieldMember> members)
    {
        if (path.Segments.Count > 0 && Schema.IsIdentity(path))
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj when !Schema.IsAtomic(path) && (obj.Count > 0 || path.Segments.Count == 0):
                foreach (var (name, value) in obj)
                {
                    Walk(value, path.Field(name), members);
                }

                break;
            case JsonArray array when array.Count > 0 && Schema.ListKeys(path) is { } keys && array.All(i => i is JsonObject item && Schema.KeyOf(item, keys) is not null):
                foreach (var item in array.OfType<JsonObject>())
                {
                    var itemPath = path.Item(Schema.KeyOf(item, keys)!);
                    members.Add(new FieldMember(itemPath, item, IsItem: true));
                    foreach (var (name, value) in item)
                    {
                        Walk(value, itemPath.Field(name), members);
                    }
                }

                break;
            default:
                members.Add(new FieldMember(path, node, IsItem: false));
                break;
        }
    }
}
