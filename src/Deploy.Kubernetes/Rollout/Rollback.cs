using System.Text.Json.Nodes;
using Deploy.Kubernetes.Cluster;
using k8s.Models;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// <c>kubectl rollout undo --to-revision=N</c> (kubectl: polymorphichelpers/rollback.go, DeploymentRollbacker): put the
/// ReplicaSet of revision N's pod template back, minus its pod-template-hash label, and its annotations but the
/// revision bookkeeping ones; skipped when the Deployment's template already is that one.
/// </summary>
internal static class Rollback
{
    public static async Task<RollbackOutcome> ToRevisionAsync(ClusterApi api, string name, long revision, CancellationToken cancellationToken)
    {
        var deployment = await api.ReadDeploymentAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new RolloutFailedException($"deployment \"{name}\" no longer exists");
        if (deployment.Spec.Paused == true)
        {
            throw new RolloutFailedException($"deployment \"{name}\" was paused meanwhile, and a paused deployment cannot be rolled back");
        }

        var replicaSets = await api.ListReplicaSetsAsync(LabelSelectors.Of(deployment.Spec.Selector), cancellationToken).ConfigureAwait(false);
        var target = replicaSets.Items.FirstOrDefault(rs => Revisions.IsOwnedBy(rs, deployment) && Revisions.Of(rs.Metadata) == revision)
            ?? throw new RolloutFailedException($"no replica set of deployment \"{name}\" has revision {revision} any more (see spec.revisionHistoryLimit)");
        if (Revisions.SameTemplate(target.Spec.Template, deployment.Spec.Template))
        {
            return new RollbackOutcome(Skipped: true);
        }

        var annotations = new JsonObject();
        foreach (var (key, value) in deployment.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (Revisions.KeptOnRollback.Contains(key))
            {
                annotations[key] = value;
            }
        }

        foreach (var (key, value) in target.Metadata.Annotations ?? new Dictionary<string, string>())
        {
            if (!Revisions.KeptOnRollback.Contains(key))
            {
                annotations[key] = value;
            }
        }

        // The same JSON patch kubectl sends: replace the whole template and the whole annotation map.
        var patch = new JsonArray(
            new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = Revisions.WithoutHash(target.Spec.Template) },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/annotations", ["value"] = annotations });
        await api.PatchDeploymentAsync(name, patch, V1Patch.PatchType.JsonPatch, cancellationToken).ConfigureAwait(false);
        return new RollbackOutcome(Skipped: false);
    }
}
