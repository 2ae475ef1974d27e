using System.Globalization;
using Deploy.Kubernetes;

namespace Deploy.Rollout;

/// <summary>Rolls the pushed image out to a Kubernetes Deployment (see <see cref="KubernetesRollout"/>).</summary>
internal static class KubernetesBackend
{
    public static async Task<Deployed> RunAsync(IRollout build, string reference, CancellationToken cancellationToken)
    {
        var request = Request(build, reference);
        KubernetesRolloutValidation.ThrowIfInvalid(request);
        var result = await KubernetesRollout.RunAsync(request, build.Log, cancellationToken).ConfigureAwait(false);
        return new Deployed(
            RolloutTarget.Kubernetes,
            result.Reference,
            $"{result.Namespace}/{result.Deployment}",
            result.RevisionBefore?.ToString(CultureInfo.InvariantCulture),
            result.RevisionAfter?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The request from the build's parameters: the one the checks, the preflight and the rollout all read.</summary>
    public static KubernetesRolloutRequest Request(IRollout build, string image)
    {
        var changeCause = build.SourceRevision is { } commit ? $"deploy: {image} (commit {commit})" : $"deploy: {image}";
        return build.CreateKubernetesRolloutRequest(image, changeCause, build.RolloutTimeout) with
        {
            // The stock pipeline names the Deployment after the image unless told otherwise.
            Deployment = build.Deployment ?? build.ImageName,
            Kubeconfig = build.Kubeconfig,
        };
    }
}
