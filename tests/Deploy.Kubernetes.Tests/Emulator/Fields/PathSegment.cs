using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator.Fields;

/// <summary>One step of a <see cref="FieldPath"/>: a field <see cref="Name"/>, or the <see cref="Key"/> of an associative list's item.</summary>
internal sealed record PathSegment(string? Name, JsonObject? Key)
{
    public bool Equals(PathSegment? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary><c>.image</c>, or <c>[containerPort=80,protocol="TCP"]</c> as fieldpath.PathElement prints it.</summary>
    public override string ToString() =>
        Name is not null ? "." + Name : "[" + string.Join(",", Key!.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value?.ToJsonString()}")) + "]";

    /// <summary>The key in fieldsV1: <c>f:image</c>, or <c>k:{"containerPort":80,"protocol":"TCP"}</c>.</summary>
    public string FieldsV1Key() =>
        Name is not null ? "f:" + Name : "k:" + new JsonObject(Key!.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => KeyValuePair.Create(k.Key, k.Value?.DeepClone()))).ToJsonString();
}
