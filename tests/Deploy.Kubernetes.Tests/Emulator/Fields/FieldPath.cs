using System.Text;
using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator.Fields;

/// <summary>
/// A path to a field, as structured-merge-diff has it: field names, and for an associative list the keys of one item
/// (<c>containers[name="web"]</c>). Shown in the API server's notation, <c>.spec.template.spec.containers[name="web"].image</c>.
/// </summary>
internal sealed record FieldPath(IReadOnlyList<PathSegment> Segments)
{
    public static FieldPath Root { get; } = new([]);

    public bool IsItem => Segments.Count > 0 && Segments[^1].Key is not null;

    public FieldPath Field(string name) => new([.. Segments, new PathSegment(name, null)]);

    public FieldPath Item(JsonObject key) => new([.. Segments, new PathSegment(null, key)]);

    public bool StartsWith(FieldPath prefix) =>
        prefix.Segments.Count <= Segments.Count && prefix.Segments.Select((s, i) => s.Equals(Segments[i])).All(x => x);

    /// <summary>The last field name on the path (the list an item belongs to).</summary>
    public string? LastField => Segments.LastOrDefault(s => s.Name is not null)?.Name;

    public bool Equals(FieldPath? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var segment in Segments)
        {
            text.Append(segment);
        }

        return text.ToString();
    }
}
