using Deploy.Kubernetes.Cluster;
using Deploy.Kubernetes.Manifests;
using Deploy.Kubernetes.Rollout;
using k8s.Autorest;

namespace Deploy.Kubernetes.Apply;

/// <summary>
/// Before anything changes: every kind found on the server, Namespaces and other cluster-scoped objects first, each
/// object read as it is now, and a server-side dry run (<c>dryRun=All</c>) of every one of them. Any problem, in any
/// object, stops the rollout here with all of them listed, so a typo in the fifth object changes nothing.
/// </summary>
internal sealed partial class ApplyRun
{
    private async Task<IReadOnlyList<PlannedObject>> PlanAsync(IReadOnlyList<ManifestObject> manifests, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var planned = new List<PlannedObject>();
        foreach (var manifest in manifests)
        {
            var (resource, missing) = await _catalog.FindAsync(manifest.ApiVersion, manifest.Kind, cancellationToken).ConfigureAwait(false);
            if (resource is null)
            {
                problems.Add($"The {manifest.Kind} \"{manifest.Name}\" in {manifest.Source}: {missing}.");
                continue;
            }

            var next = new PlannedObject(manifest, resource, resource.Namespaced ? manifest.Namespace ?? _api.Namespace : null);
            if (planned.FirstOrDefault(p => p.Resource.Group == resource.Group && p.Resource.Kind == resource.Kind && p.Namespace == next.Namespace && p.Name == next.Name) is { } twice)
            {
                problems.Add($"{next.Display} is in the manifests twice, in {twice.Manifest.Source} and in {manifest.Source}: keep one of them.");
                continue;
            }

            planned.Add(next);
        }

        ThrowIf(problems, "were not applied");

        // Namespaces first, then other cluster-scoped objects (CustomResourceDefinitions, ClusterRoles), then the rest;
        // within each group the order of the manifests.
        var ordered = planned.OrderBy(p => p.Resource is { Group: "", Kind: "Namespace" } ? 0 : p.Resource.Namespaced ? 2 : 1).ToList();
        var newNamespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in ordered)
        {
            item.InNewNamespace = item.Namespace is not null && newNamespaces.Contains(item.Namespace);
            item.Live = item.InNewNamespace ? null : await _api.GetAsync(item.Resource, item.Namespace, item.Name, cancellationToken).ConfigureAwait(false);
            if (item.Resource is { Group: "", Kind: "Namespace" } && item.Live is null)
            {
                newNamespaces.Add(item.Name);
            }

            if (item.Live is not null && item.Workload is { } workload)
            {
                item.RevisionBefore = await WorkloadHistory.CurrentAsync(_api, workload, cancellationToken).ConfigureAwait(false);
            }

            if (await DryRunAsync(item, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                problems.Add(problem);
            }
        }

        ThrowIf(problems, "were not applied: the API server's dry run refused them");
        return ordered;
    }

    /// <summary>The server-side dry run of one object; the problem as a sentence, or null when it would apply.</summary>
    private async Task<string?> DryRunAsync(PlannedObject item, CancellationToken cancellationToken)
    {
        if (item.InNewNamespace)
        {
            // The server cannot dry-run an object into a namespace that does not exist yet; it checks it when applied.
            item.Change = AppliedChange.Created;
            return null;
        }

        item.Force = _request.ForceConflicts;
        System.Text.Json.Nodes.JsonObject result;
        try
        {
            result = await _api.ApplyAsync(item.Resource, item.Namespace, item.Name, item.Manifest.Body, dryRun: true, item.Force, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException exception) when (FieldConflict.Of(exception) is { } conflicts)
        {
            if (conflicts.Any(c => c.Manager != ClusterApi.FieldManager))
            {
                var fields = string.Join(", ", conflicts.Select(c => $"{c.Field} (managed by \"{c.Manager}\")"));
                return $"{item.Display} ({item.Manifest.Source}) would take fields that other field managers own: {fields}. "
                    + "Pass --force-conflicts to take them over, or remove those fields from the manifest (or give them the live values).";
            }

            // Only Deploy's own earlier writes (a rollback, a set-image rollout) own them: taking them back is no conflict.
            _log.Debug("{Object:l}: taking back fields Deploy itself last wrote ({Fields:l})", item.Display, string.Join(", ", conflicts.Select(c => c.Field)));
            item.Force = true;
            try
            {
                result = await _api.ApplyAsync(item.Resource, item.Namespace, item.Name, item.Manifest.Body, dryRun: true, force: true, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException again)
            {
                return Refused(item, again);
            }
        }
        catch (HttpOperationException exception)
        {
            return Refused(item, exception);
        }

        item.ChangedFields = item.Live is null ? [] : FieldDiff.Between(item.Live, result);
        item.Change = item.Live is null ? AppliedChange.Created : item.ChangedFields.Count > 0 ? AppliedChange.Configured : AppliedChange.Unchanged;
        if (item.Workload is { Kind: WorkloadKind.Deployment } && result["spec"]?["paused"]?.GetValue<bool>() == true)
        {
            return $"{item.Display} ({item.Manifest.Source}) would be paused, so its rollout would never finish: resume it (kubectl rollout resume deployment/{item.Name} -n {item.Namespace}) or remove spec.paused from the manifest.";
        }

        return null;
    }

    private static string Refused(PlannedObject item, HttpOperationException exception) =>
        $"{item.Display} ({item.Manifest.Source}) was refused by the API server ({(int)exception.Response.StatusCode}): {ClusterApi.StatusMessageOf(exception).TrimEnd('.')}.";

    private static void ThrowIf(List<string> problems, string what)
    {
        if (problems.Count > 0)
        {
            throw new KubernetesRolloutException(string.Join(
                Environment.NewLine,
                problems.Prepend($"The manifests {what} ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}); nothing was changed:")));
        }
    }
}
