using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>The JSON of the emulated objects, and the small helpers the routes and the controller share.</summary>
internal static class Objects
{
    public const string Revision = "deployment.kubernetes.io/revision";
    public const string Hash = "pod-template-hash";

    public static JsonObject Deployment(string @namespace, string name, int replicas, params (string Name, string Image)[] containers) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = @namespace,
            ["uid"] = Guid.NewGuid().ToString(),
            ["generation"] = 1,
            ["annotations"] = new JsonObject(),
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["image"] = c.Image })]),
                },
            },
            ["strategy"] = new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxSurge"] = 1, ["maxUnavailable"] = 0 },
            },
            ["progressDeadlineSeconds"] = 600,
        },
        ["status"] = new JsonObject { ["observedGeneration"] = 0 },
    };

    public static string Name(JsonObject obj) => (string)obj["metadata"]!["name"]!;

    public static string Namespace(JsonObject obj) => (string?)obj["metadata"]!["namespace"] ?? string.Empty;

    public static long Generation(JsonObject obj) => Number(obj["metadata"]!["generation"]);

    /// <summary>A number however it is held (parsed JSON or an int put in by the emulator); 0 when absent.</summary>
    public static long Number(JsonNode? node) => node is null ? 0 : long.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    public static long? RevisionOf(JsonObject obj) =>
        obj["metadata"]?["annotations"]?[Revision] is JsonNode value && long.TryParse((string?)value, CultureInfo.InvariantCulture, out var revision) ? revision : null;

    public static JsonObject Annotations(JsonObject obj)
    {
        var metadata = obj["metadata"]!.AsObject();
        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            metadata["annotations"] = annotations;
        }

        return annotations;
    }

    public static JsonObject Labels(JsonObject obj) => obj["metadata"]?["labels"] as JsonObject ?? [];

    /// <summary>The object's own labels map, created when it has none.</summary>
    public static JsonObject EnsureLabels(JsonObject obj)
    {
        var metadata = obj["metadata"]!.AsObject();
        if (metadata["labels"] is not JsonObject labels)
        {
            labels = [];
            metadata["labels"] = labels;
        }

        return labels;
    }

    /// <summary>The deployment controller's pod-template-hash: any stable digest of the template does here.</summary>
    public static string TemplateHash(JsonNode template) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(WithoutHash(template))!.ToJsonString())))[..10];

    public static bool SameTemplate(JsonNode? first, JsonNode? second) =>
        JsonNode.DeepEquals(Canonical(WithoutHash(first)), Canonical(WithoutHash(second)));

    public static JsonNode? WithoutHash(JsonNode? template)
    {
        var copy = template?.DeepClone();
        (copy?["metadata"]?["labels"] as JsonObject)?.Remove(Hash);
        return copy;
    }

    /// <summary>Whether <paramref name="labels"/> match a selector of <c>key=value</c> terms, as our client sends.</summary>
    public static bool Matches(string? selector, JsonObject labels) =>
        string.IsNullOrEmpty(selector) || selector.Split(',').All(term =>
        {
            var parts = term.Split('=', 2);
            return parts.Length == 2 && (string?)labels[parts[0]] == parts[1];
        });

    public static JsonObject Status(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    // Sorted keys and no empty values, so that two templates compare and hash alike however they were written.
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => Prune(new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))
            .Where(p => p.Value is not null))),
        JsonArray array => array.Count == 0 ? null : new JsonArray([.. array.Select(Canonical)]),
        null => null,
        _ => node.DeepClone(),
    };

    private static JsonObject? Prune(JsonObject obj) => obj.Count == 0 ? null : obj;
}
