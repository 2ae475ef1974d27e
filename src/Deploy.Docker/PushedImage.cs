using System.Text.Json.Serialization;

namespace Deploy.Docker;

/// <summary>What the <c>Push</c> target pushed: the digest to deploy by.</summary>
/// <param name="Repository">The repository, <c>registry/name</c>.</param>
/// <param name="Digest">The manifest digest the registry reported, <c>sha256:…</c>.</param>
/// <param name="Tags">The tags pushed.</param>
public sealed record PushedImage(string Repository, string Digest, IReadOnlyList<string> Tags)
{
    /// <summary>The reference that pins this exact image: <c>registry/name@sha256:…</c>. Rollout deploys this.</summary>
    [JsonIgnore]
    public string Reference => $"{Repository}@{Digest}";
}
