using System.Text.RegularExpressions;

namespace Deploy.Kubernetes;

/// <summary>
/// Checks a <see cref="KubernetesRolloutRequest"/> before anything is contacted: every problem at once, each a whole
/// sentence that quotes the value and says what a valid one looks like.
/// </summary>
internal static partial class KubernetesRolloutValidation
{
    /// <summary>The problems with <paramref name="request"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(KubernetesRolloutRequest request) => Problems(request, checkImage: true);

    /// <summary>
    /// The problems with everything but <see cref="KubernetesRolloutRequest.Image"/>: what a build can check while it
    /// plans, before Push has produced the image.
    /// </summary>
    /// <param name="request">The request to check.</param>
    /// <param name="sourcePresent">
    /// Whether <see cref="KubernetesRolloutRequest.SourceDirectory"/> holds the service's source yet: false while a build
    /// that clones it plans, and then the manifest files are not looked for (they are once the source is there).
    /// </param>
    public static IReadOnlyList<string> ValidateParameters(KubernetesRolloutRequest request, bool sourcePresent = true) => Problems(request, checkImage: false, sourcePresent);

    private static List<string> Problems(KubernetesRolloutRequest request, bool checkImage, bool sourcePresent = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        if (request.Manifests.Count > 0)
        {
            problems.AddRange(ManifestProblems(request, sourcePresent));
        }
        else
        {
            problems.AddRange(SetImageProblems(request));
        }

        if (request.Namespace is not null && !IsLabel(request.Namespace))
        {
            problems.Add($"The namespace \"{request.Namespace}\" is not a valid Kubernetes namespace: use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.");
        }

        if (request.Manifests.Count == 0 && request.Container is not null && !IsLabel(request.Container))
        {
            problems.Add($"The container name \"{request.Container}\" is not valid: use lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.");
        }

        if (request.KubeContext is not null && request.KubeContext.Trim().Length == 0)
        {
            problems.Add("The kube context is empty: pass --kube-context with a context name from the kubeconfig, or leave it out to use the current context.");
        }

        if (request.Kubeconfig is not null && request.Kubeconfig.Trim().Length == 0)
        {
            problems.Add("The kubeconfig path is empty: give a kubeconfig file, or leave it out to use KUBECONFIG or ~/.kube/config.");
        }

        if (checkImage && string.IsNullOrWhiteSpace(request.Image))
        {
            problems.Add("No image reference was given: the rollout needs the pushed image, like registry/image@sha256:<64 hex digits>.");
        }
        else if (checkImage && !IsImageReference(request.Image))
        {
            problems.Add($"The image reference \"{request.Image}\" is not valid: expected registry/image@sha256:<64 hex digits> (or registry/image:tag), with a lower-case repository name.");
        }

        if (request.Timeout <= TimeSpan.Zero)
        {
            problems.Add($"The rollout timeout {request.Timeout} is not positive: pass --rollout-timeout with a duration such as 00:10:00.");
        }

        if (request.ChangeCause is not null && request.ChangeCause.Length > 1024)
        {
            problems.Add($"The change cause is {request.ChangeCause.Length} characters long: keep it under 1024 (say, the commit and ref).");
        }

        return problems;
    }

    private static IEnumerable<string> SetImageProblems(KubernetesRolloutRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Deployment))
        {
            yield return "No deployment was given: pass --deployment with the name of the Deployment to update.";
        }
        else if (!IsSubdomain(request.Deployment))
        {
            yield return $"The deployment name \"{request.Deployment}\" is not a valid Kubernetes name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters.";
        }

        foreach (var (given, name) in new[] { (request.DryRun, "--kube-dry-run"), (request.ForceConflicts, "--force-conflicts"), (request.DeleteCreatedOnFailure, "--delete-created-on-failure") })
        {
            if (given)
            {
                yield return $"{name} only applies to --manifests (server-side apply); without them the image of --deployment is set. Pass --manifests, or leave {name} out.";
            }
        }
    }

    private static IEnumerable<string> ManifestProblems(KubernetesRolloutRequest request, bool sourcePresent)
    {
        if (request.Deployment is not null)
        {
            yield return $"--deployment \"{request.Deployment}\" and --manifests exclude each other: with --manifests every workload they hold is rolled out (the image is set wherever they name it). Leave --deployment out, or --manifests to set one Deployment's image.";
        }

        if (request.Container is not null)
        {
            yield return $"--container \"{request.Container}\" and --manifests exclude each other: with --manifests the image is replaced in every container that names it. Leave --container out.";
        }

        foreach (var problem in sourcePresent ? Manifests.ManifestFiles.Problems(ManifestPaths(request)) : [])
        {
            yield return problem;
        }

        if (request.Commit is not null && !IsLabelValue(request.Commit))
        {
            yield return $"The commit \"{request.Commit}\" cannot be a label value (deploy/commit): at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.";
        }
    }

    /// <summary>The manifest paths with relative ones resolved against <see cref="KubernetesRolloutRequest.SourceDirectory"/>.</summary>
    internal static IReadOnlyList<string> ManifestPaths(KubernetesRolloutRequest request) =>
        [.. request.Manifests.Select(p => string.IsNullOrWhiteSpace(p) || request.SourceDirectory is null ? p : Path.GetFullPath(p, request.SourceDirectory))];

    /// <summary>Throws a <see cref="KubernetesRolloutException"/> listing every problem when <paramref name="request"/> is not valid.</summary>
    public static void ThrowIfInvalid(KubernetesRolloutRequest request)
    {
        var problems = Validate(request);
        if (problems.Count > 0)
        {
            throw new KubernetesRolloutException(string.Join(Environment.NewLine, problems));
        }
    }

    /// <summary>Whether <paramref name="reference"/> pins a digest (<c>…@sha256:…</c>) rather than a tag that can move.</summary>
    public static bool IsDigestReference(string reference) =>
        reference is not null && IsImageReference(reference) && reference.Contains("@sha256:", StringComparison.Ordinal);

    internal static bool IsSubdomain(string value) => value.Length <= 253 && Subdomain().IsMatch(value);

    internal static bool IsLabel(string value) => value.Length <= 63 && Label().IsMatch(value);

    internal static bool IsImageReference(string value) => value.Length <= 512 && ImageReference().IsMatch(value);

    internal static bool IsLabelValue(string value) => value.Length <= 63 && LabelValue().IsMatch(value);

    // DNS-1123 subdomain and label, as Kubernetes validates object and container names:
    // https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    // A label value: kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
    [GeneratedRegex("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")]
    private static partial Regex LabelValue();

    // The distribution reference grammar (github.com/distribution/reference), simplified: an optional registry host
    // with port, lower-case path components, then a tag and/or a sha256 digest; one of them is required here.
    [GeneratedRegex(
        "^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)/)?"
        + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
        + "(?:(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})(?:@sha256:[0-9a-f]{64})?|@sha256:[0-9a-f]{64})$")]
    private static partial Regex ImageReference();
}
