using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Manifests;

/// <summary>One object of the manifests, as written (JSON), and where it came from.</summary>
/// <param name="Source">For messages: <c>deploy/app.yaml (document 2)</c>.</param>
/// <param name="Body">The object to send: as written, but for the image and the release labels.</param>
internal sealed record ManifestObject(string Source, JsonObject Body)
{
    public string ApiVersion => (string)Body["apiVersion"]!;

    public string Kind => (string)Body["kind"]!;

    public string Name => (string)Body["metadata"]!["name"]!;

    /// <summary>The namespace the manifest names; null when it names none.</summary>
    public string? Namespace => Body["metadata"]?["namespace"] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;

    /// <summary>The API group: <c>apps</c> for <c>apps/v1</c>, empty for the core <c>v1</c>.</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
}
