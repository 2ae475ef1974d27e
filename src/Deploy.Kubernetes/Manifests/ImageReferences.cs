using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Manifests;

/// <summary>
/// Points the manifests at the pushed image, as Skaffold does: every <c>image</c> field (containers, init and
/// ephemeral containers, and the same field in any other kind) whose repository is the built image's — with or
/// without its registry, with any tag or digest — becomes the pushed reference <c>registry/image@sha256:…</c>.
/// </summary>
internal sealed class ImageReferences
{
    private readonly string _reference;
    private readonly string _repository;
    private readonly string _path;

    public ImageReferences(string reference)
    {
        _reference = reference;
        _repository = RepositoryOf(reference);
        _path = HasRegistry(_repository) ? _repository[(_repository.IndexOf('/', StringComparison.Ordinal) + 1)..] : _repository;
    }

    /// <summary>The repository the manifests must name: <c>registry.example/web</c>.</summary>
    public string Repository => _repository;

    /// <summary>Replaces the references in <paramref name="body"/>; returns how many, and adds the other images it saw.</summary>
    public int Replace(JsonNode? body, ISet<string> otherImages)
    {
        var replaced = 0;
        switch (body)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "image" && value is JsonValue text && text.TryGetValue<string>(out var image))
                    {
                        if (Matches(image))
                        {
                            obj[key] = _reference;
                            replaced++;
                        }
                        else
                        {
                            otherImages.Add(image);
                        }
                    }
                    else
                    {
                        replaced += Replace(value, otherImages);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    replaced += Replace(item, otherImages);
                }

                break;
        }

        return replaced;
    }

    private bool Matches(string image)
    {
        var repository = RepositoryOf(image.Trim());
        return repository == _repository || (!HasRegistry(repository) && repository == _path);
    }

    /// <summary>The reference without its digest and tag: <c>host:5000/team/web</c> for <c>host:5000/team/web:1.2@sha256:…</c>.</summary>
    internal static string RepositoryOf(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? reference[..at] : reference;
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[..colon] : name;
    }

    // The distribution rule: the first component is a registry when it has a '.' or a ':' or is localhost.
    private static bool HasRegistry(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var first = repository[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
    }
}
