using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator.Fields;

/// <summary>A member of an object's field set: a leaf with its value, or an item of an associative list.</summary>
internal sealed record FieldMember(FieldPath Path, JsonNode? Value, bool IsItem);
