using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Tests.Emulator;

/// <summary>One change in the emulator's history, as a watch sends it: type (ADDED, MODIFIED, DELETED) and the object then.</summary>
internal sealed record StoredEvent(long ResourceVersion, string Kind, string Namespace, string Type, JsonObject Object);
