using System.Text.Json.Serialization;

namespace Deploy.Docker;

/// <summary>What the <c>Image</c> target built, in the local engine.</summary>
/// <param name="ImageId">The engine's image ID, <c>sha256:…</c>.</param>
/// <param name="Repository">The repository it is tagged in: <c>registry/name</c>, or just <c>name</c> without a registry.</param>
/// <param name="Tags">The tags given to it (<c>&lt;short-sha&gt;</c> first, then <c>--image-tags</c>), without the repository.</param>
/// <param name="Registry">The registry the repository is in (<c>host[:port]</c>); null when none was given, and the image stays local.</param>
public sealed record ContainerImage(string ImageId, string Repository, IReadOnlyList<string> Tags, string? Registry)
{
    /// <summary>Full references, <c>repository:tag</c>, one per tag.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> References => Tags.Select(tag => $"{Repository}:{tag}").ToList();

    /// <summary>The first reference, the one tagged with the commit.</summary>
    [JsonIgnore]
    public string Reference => References[0];
}
