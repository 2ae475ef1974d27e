using System.Globalization;
using Deploy.Kubernetes;

namespace Deploy.Rollout;

/// <summary>Rolls the pushed image out to Kubernetes (see <see cref="KubernetesRollout"/>): one Deployment's image, or the --manifests.</summary>
internal static class KubernetesBackend
{
    public static async Task<Deployed> RunAsync(IRollout build, string reference, CancellationToken cancellationToken)
    {
        var request = Request(build, reference);
        KubernetesRolloutValidation.ThrowIfInvalid(request);
        return Describe(await KubernetesRollout.RunAsync(request, build.Log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Undoes what <see cref="RunAsync"/> deployed, for a later target that found the new version bad: every workload
    /// that existed before back to its revision before, created objects deleted with --delete-created-on-failure.
    /// Throws a <see cref="KubernetesRolloutException"/> when a rollback fails.
    /// </summary>
    public static async Task<Deployed> RollBackAsync(IRollout build, Deployed deployed, CancellationToken cancellationToken)
    {
        var result = deployed.Kubernetes ?? throw new InvalidOperationException($"{deployed.Where} was not deployed to Kubernetes.");
        var request = Request(build, deployed.Reference);
        return Describe(await KubernetesRollout.RollBackAsync(request, result, build.Log, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The request from the build's parameters: the one the checks, the preflight and the rollout all read.</summary>
    public static KubernetesRolloutRequest Request(IRollout build, string reference)
    {
        var changeCause = build.SourceRevision is { } commit ? $"deploy: {reference} (commit {commit})" : $"deploy: {reference}";
        var request = build.CreateKubernetesRolloutRequest(reference, changeCause, build.RolloutTimeout, build.SourceRevision) with
        {
            Kubeconfig = build.Kubeconfig,

            // Manifests live with the service's source (the clone's workspace when the build clones it).
            SourceDirectory = build.SourceDirectory,
            Force = build.IsForced(nameof(IRollout.Rollout)),
        };

        // Without manifests the stock pipeline names the Deployment after the image unless told otherwise.
        return request.Manifests.Count == 0 ? request with { Deployment = build.Deployment ?? build.ImageName } : request;
    }

    internal static Deployed Describe(KubernetesRolloutResult result)
    {
        if (result.Applied.Count == 0)
        {
            return new Deployed(
                RolloutTarget.Kubernetes,
                result.Reference,
                $"{result.Namespace}/{result.Deployment}",
                result.RevisionBefore?.ToString(CultureInfo.InvariantCulture),
                result.RevisionAfter?.ToString(CultureInfo.InvariantCulture))
            { Kubernetes = result };
        }

        var workloads = result.Applied.Where(o => o.Kind is "Deployment" or "StatefulSet" or "DaemonSet").ToList();
        string Revisions(Func<AppliedObject, long?> revision) =>
            string.Join(", ", workloads.Select(w => $"{w.Kind.ToLowerInvariant()}/{w.Name}={revision(w)?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));
        return new Deployed(
            RolloutTarget.Kubernetes,
            result.Reference,
            workloads.Count == 0 ? result.Namespace : string.Join(", ", workloads.Select(w => $"{w.Namespace}/{w.Name}")),
            workloads.Count == 0 ? null : Revisions(w => w.RevisionBefore),
            workloads.Count == 0 || result.DryRun ? null : Revisions(w => w.RevisionAfter))
        { Kubernetes = result };
    }
}
