using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator.Fields;

/// <summary>
/// The little of the OpenAPI schema that server-side apply needs for the emulated kinds: which lists merge by key
/// (<c>x-kubernetes-list-type: map</c>), which objects are atomic, and the identity fields no manager owns. Every
/// other list is atomic and every other object granular, as for a schema-less kind.
/// </summary>
internal static class Schema
{
    private static readonly HashSet<string> Identity =
    [
        ".apiVersion", ".kind", ".metadata.name", ".metadata.namespace", ".metadata.uid", ".metadata.resourceVersion", ".metadata.generation",
        ".metadata.creationTimestamp", ".metadata.managedFields", ".metadata.selfLink", ".metadata.deletionTimestamp", ".status",
    ];

    /// <summary>Defaults of key fields, as the server fills them before merging (a port's protocol).</summary>
    public static readonly IReadOnlyDictionary<string, string> KeyDefaults = new Dictionary<string, string>(StringComparer.Ordinal) { ["protocol"] = "TCP" };

    /// <summary>The keys of the associative list at <paramref name="list"/>; null when the list is atomic.</summary>
    public static IReadOnlyList<string>? ListKeys(FieldPath list) => list.Segments[^1].Name switch
    {
        "containers" or "initContainers" or "ephemeralContainers" or "env" or "volumes" or "imagePullSecrets" => ["name"],
        "volumeMounts" => ["mountPath"],
        "ports" when list.Segments.Count >= 2 && list.Segments[^2].Key is not null => ["containerPort", "protocol"],
        "ports" when list.ToString() == ".spec.ports" => ["port", "protocol"],
        _ => null,
    };

    /// <summary>LabelSelector and a Service's selector are atomic: one manager owns the whole value.</summary>
    public static bool IsAtomic(FieldPath path) => path.ToString() == ".spec.selector";

    public static bool IsIdentity(FieldPath path) => Identity.Contains(path.ToString());

    /// <summary>The key of a list item, with key defaults filled in; null when a key field is missing.</summary>
    public static JsonObject? KeyOf(JsonObject item, IReadOnlyList<string> keys)
    {
        var key = new JsonObject();
        foreach (var name in keys)
        {
            if (item[name] is { } value)
            {
                key[name] = value.DeepClone();
            }
            else if (KeyDefaults.TryGetValue(name, out var fallback))
            {
                key[name] = fallback;
            }
            else
            {
                return null;
            }
        }

        return key;
    }
}
