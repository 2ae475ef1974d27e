using System.Text.Json.Nodes;

namespace Deploy.Kubernetes.Manifests;

/// <summary>
/// The manifests of one rollout, read and checked without the cluster: every file parsed, every object with a kind,
/// a usable name and namespace, the built image mentioned somewhere and replaced by the pushed reference, the release
/// labels added. Every problem is collected, so one run reports them all and nothing is applied.
/// </summary>
internal static class ManifestSet
{
    public static IReadOnlyList<ManifestObject> Load(IReadOnlyList<string> paths, string image, string? commit, string? baseDirectory)
    {
        var problems = ManifestFiles.Problems(paths).ToList();
        if (problems.Count > 0)
        {
            throw Invalid(problems);
        }

        var files = ManifestFiles.Expand(paths);
        var objects = ManifestReader.Read(files, baseDirectory, problems);
        foreach (var obj in objects)
        {
            problems.AddRange(NameProblems(obj));
        }

        if (problems.Count == 0 && objects.Count == 0)
        {
            problems.Add($"The manifests ({Shown(files, baseDirectory)}) hold no Kubernetes objects: add the service's Deployment (and its Service, ConfigMaps, ...).");
        }

        var images = new ImageReferences(image);
        var others = new SortedSet<string>(StringComparer.Ordinal);
        var replaced = objects.Sum(o => images.Replace(o.Body, others));
        if (problems.Count == 0 && replaced == 0)
        {
            var seen = others.Count == 0 ? "they name no image at all" : "they name " + string.Join(", ", others);
            problems.Add(
                $"None of the manifests ({Shown(files, baseDirectory)}) runs the built image {images.Repository} ({seen}): write image: {images.Repository} (any tag) in the container that should run it; it is replaced by the pushed {image}.");
        }

        if (problems.Count > 0)
        {
            throw Invalid(problems);
        }

        foreach (var obj in objects)
        {
            ReleaseLabels.Add(obj.Body, commit);
        }

        return objects;
    }

    private static IEnumerable<string> NameProblems(ManifestObject obj)
    {
        // The API server checks names exactly (the dry run); these are the ones no kind accepts, or the kinds whose
        // names are DNS labels everywhere, so the message can say what to change before anything is sent.
        var name = obj.Name;
        var label = obj.Group.Length == 0 && obj.Kind is "Namespace" or "Service";
        if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
        {
            yield return $"The {obj.Kind} in {obj.Source} is named \"{name}\", which no Kubernetes object can be: leave out '/' and '%', and do not use \".\" or \"..\".";
        }
        else if (label && !KubernetesRolloutValidation.IsLabel(name))
        {
            yield return $"The {obj.Kind} in {obj.Source} is named \"{name}\", which is not a valid {obj.Kind} name: use lower-case letters, digits and '-', starting with a letter, at most 63 characters.";
        }

        if (obj.Body["metadata"]?["namespace"] is { } given && (obj.Namespace is not { } ns || !KubernetesRolloutValidation.IsLabel(ns)))
        {
            yield return $"The {obj.Kind} \"{name}\" in {obj.Source} names the namespace {given.ToJsonString()}, which is not a valid namespace: use lower-case letters, digits and '-', at most 63 characters, or leave metadata.namespace out to use --namespace.";
        }
    }

    private static string Shown(IReadOnlyList<string> files, string? baseDirectory) =>
        string.Join(", ", files.Select(f => baseDirectory is null ? f : Path.GetRelativePath(baseDirectory, f)));

    private static KubernetesRolloutException Invalid(List<string> problems) =>
        new(string.Join(Environment.NewLine, problems.Prepend($"The manifests were not applied: {problems.Count} problem{(problems.Count == 1 ? "" : "s")} to fix first.")));
}
