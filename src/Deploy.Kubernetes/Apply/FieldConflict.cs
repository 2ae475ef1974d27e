using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Autorest;

namespace Deploy.Kubernetes.Apply;

/// <summary>
/// One field a server-side apply would take from another manager. The API server answers such an apply with 409 and
/// a Status whose <c>details.causes</c> are <c>{"reason":"FieldManagerConflict","message":"conflict with \"kubectl\"
/// using apps/v1","field":".spec.replicas"}</c> (apimachinery: managedfields/internal/conflict.go).
/// </summary>
internal sealed partial record FieldConflict(string Manager, string Field)
{
    /// <summary>The conflicts of a refused apply; null when the refusal is something else.</summary>
    public static IReadOnlyList<FieldConflict>? Of(HttpOperationException exception)
    {
        if (exception.Response.StatusCode != HttpStatusCode.Conflict)
        {
            return null;
        }

        JsonNode? status;
        try
        {
            status = JsonNode.Parse(exception.Response.Content ?? string.Empty);
        }
        catch (JsonException)
        {
            return null;
        }

        var conflicts = (status?["details"]?["causes"]?.AsArray() ?? [])
            .OfType<JsonObject>()
            .Where(c => (string?)c["reason"] == "FieldManagerConflict")
            .Select(c => new FieldConflict(
                ManagerOf((string?)c["message"] ?? string.Empty),
                (string?)c["field"] ?? "(unknown field)"))
            .ToList();
        return conflicts.Count == 0 ? null : conflicts;
    }

    private static string ManagerOf(string message) =>
        ManagerName().Match(message) is { Success: true } match ? match.Groups[1].Value : message;

    [GeneratedRegex("conflict with \"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex ManagerName();
}
