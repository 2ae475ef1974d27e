using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator.Fields;

/// <summary>
/// <c>metadata.managedFields</c> in the API server's shape: one entry per owner with <c>fieldsType: FieldsV1</c> and
/// <c>fieldsV1</c> as nested <c>f:name</c> / <c>k:{"name":"web"}</c> objects, <c>.</c> marking a list item itself.
/// </summary>
internal static class ManagedFields
{
    /// <summary>Fixed, so that objects compare alike however long a test takes.</summary>
    public const string Time = "2026-01-01T00:00:00Z";

    public static List<(ManagerKey Key, HashSet<FieldPath> Fields)> Read(JsonObject? obj)
    {
        var owners = new List<(ManagerKey, HashSet<FieldPath>)>();
        foreach (var entry in obj?["metadata"]?["managedFields"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var key = new ManagerKey((string?)entry["manager"] ?? string.Empty, (string?)entry["operation"] ?? "Update", (string?)entry["apiVersion"] ?? string.Empty);
            var fields = new HashSet<FieldPath>();
            if (entry["fieldsV1"] is JsonObject fieldsV1)
            {
                Parse(fieldsV1, FieldPath.Root, fields);
            }

            owners.Add((key, fields));
        }

        return owners;
    }

    public static void Write(JsonObject obj, IEnumerable<(ManagerKey Key, HashSet<FieldPath> Fields)> owners)
    {
        var entries = new JsonArray();
        foreach (var (key, fields) in owners.Where(o => o.Fields.Count > 0))
        {
            entries.Add(new JsonObject
            {
                ["manager"] = key.Manager,
                ["operation"] = key.Operation,
                ["apiVersion"] = key.ApiVersion,
                ["time"] = Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = ToFieldsV1(fields),
            });
        }

        var metadata = obj["metadata"]!.AsObject();
        if (entries.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = entries;
        }
    }

    private static JsonObject ToFieldsV1(IEnumerable<FieldPath> fields)
    {
        var root = new JsonObject();
        foreach (var path in fields.OrderBy(p => p.ToString(), StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in path.Segments)
            {
                var name = segment.FieldsV1Key();
                if (node[name] is not JsonObject child)
                {
                    child = [];
                    node[name] = child;
                }

                node = child;
            }

            if (path.IsItem)
            {
                node["."] = new JsonObject();
            }
        }

        return root;
    }

    private static void Parse(JsonObject node, FieldPath path, HashSet<FieldPath> fields)
    {
        foreach (var (name, value) in node)
        {
            if (name == ".")
            {
                fields.Add(path);
                continue;
            }

            var next = name.StartsWith("f:", StringComparison.Ordinal) ? path.Field(name[2..])
                : name.StartsWith("k:", StringComparison.Ordinal) ? path.Item(JsonNode.Parse(name[2..])!.AsObject())
                : null;
            if (next is null)
            {
                // v: (set) and i: (index) elements belong to kinds the emulator does not model.
                continue;
            }

            if (value is JsonObject { Count: > 0 } children)
            {
                Parse(children, next, fields);
            }
            else
            {
                fields.Add(next);
            }
        }
    }
}
