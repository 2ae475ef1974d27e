using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Manifests;

/// <summary>
/// The labels every applied object gets on its own metadata (not in pod templates, where a new value per commit would
/// be a change of its own): who manages it, and which commit it was applied from.
/// </summary>
internal static class ReleaseLabels
{
    /// <summary>The recommended label (kubernetes.io/docs/concepts/overview/working-with-objects/common-labels).</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    public const string ManagedByValue = "deploy";

    /// <summary>The commit the object was applied from.</summary>
    public const string Commit = "deploy/commit";

    public static void Add(JsonObject body, string? commit)
    {
        var metadata = body["metadata"]!.AsObject();
        if (metadata["labels"] is not JsonObject labels)
        {
            labels = [];
            metadata["labels"] = labels;
        }

        labels[ManagedBy] = ManagedByValue;
        if (commit is not null)
        {
            labels[Commit] = commit;
        }
    }
}
