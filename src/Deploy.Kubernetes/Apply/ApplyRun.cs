using Deploy.Kubernetes.Cluster;
using Deploy.Kubernetes.Manifests;
using Deploy.Kubernetes.Rollout;
using k8s.Autorest;
using Serilog;

namespace Deploy.Kubernetes.Apply;

/// <summary>
/// A rollout of manifests, start to end: read and check them, plan and dry-run them on the server, apply each with
/// server-side apply, wait for every workload at once, and on failure undo what can be undone (<see cref="Undo"/>).
/// </summary>
internal sealed partial class ApplyRun
{
    private readonly KubernetesRolloutRequest _request;
    private readonly ClusterApi _api;
    private readonly ResourceCatalog _catalog;
    private readonly ILogger _log;

    public ApplyRun(KubernetesRolloutRequest request, ClusterApi api, ILogger log)
    {
        _request = request;
        _api = api;
        _catalog = new ResourceCatalog(api);
        _log = log;
    }

    public async Task<KubernetesRolloutResult> RunAsync(CancellationToken cancellationToken)
    {
        var manifests = ManifestSet.Load(KubernetesRolloutValidation.ManifestPaths(_request), _request.Image, _request.Commit, _request.SourceDirectory);
        var plan = await PlanAsync(manifests, cancellationToken).ConfigureAwait(false);
        foreach (var item in plan)
        {
            _log.Information("{Object:l}: {Change:l}{DryRun:l}", item.Display, Describe(item), _request.DryRun ? " (server dry run)" : string.Empty);
        }

        var result = new KubernetesRolloutResult { Namespace = _api.Namespace, Reference = _request.Image, Applied = [.. plan.Select(p => p.ToApplied())], DryRun = _request.DryRun };
        if (_request.DryRun)
        {
            return result;
        }

        var (applied, failure) = await ApplyAllAsync(plan, cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            failure = await WaitAsync(applied, cancellationToken).ConfigureAwait(false);
        }

        var objects = new List<AppliedObject>();
        foreach (var item in plan)
        {
            var state = applied.Contains(item) ? null : "not applied: the apply stopped before it";
            var after = failure is null && item.Workload is { } workload ? await WorkloadHistory.CurrentAsync(_api, workload, cancellationToken).ConfigureAwait(false) : null;
            objects.Add(item.ToApplied() with { State = state, RevisionAfter = after });
        }

        if (failure is null)
        {
            return result with { Applied = objects };
        }

        _log.Warning("The rollout of {Image:l} failed: {Reason:l}", _request.Image, failure);
        var undo = await Undo.RunAsync(_api, _catalog, _request, objects, _log, cancellationToken).ConfigureAwait(false);
        throw new KubernetesRolloutException($"The rollout of {_request.Image} failed: {failure}. {undo.Summary}")
        {
            Result = result with { Applied = undo.Objects, RolledBack = undo.RolledBack },
        };
    }

    private async Task<(List<PlannedObject> Applied, string? Failure)> ApplyAllAsync(IReadOnlyList<PlannedObject> plan, CancellationToken cancellationToken)
    {
        var applied = new List<PlannedObject>();
        foreach (var item in plan)
        {
            try
            {
                await _api.ApplyAsync(item.Resource, item.Namespace, item.Name, item.Manifest.Body, dryRun: false, item.Force, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException exception)
            {
                return (applied, $"the API server refused to apply {item.Display} ({item.Manifest.Source}): {ClusterApi.StatusMessageOf(exception).TrimEnd('.')}");
            }
            catch (KubernetesRolloutException exception)
            {
                return (applied, exception.Message.TrimEnd('.'));
            }

            applied.Add(item);
            _log.Debug("Applied {Object:l}", item.Display);
        }

        return (applied, null);
    }

    /// <summary>Waits for every applied workload; the reason it failed, or null.</summary>
    private async Task<string?> WaitAsync(IReadOnlyList<PlannedObject> applied, CancellationToken cancellationToken)
    {
        var workloads = applied.Select(p => p.Workload).OfType<Workload>().ToList();
        if (workloads.Count == 0)
        {
            return null;
        }

        try
        {
            await new WorkloadWaiter(_api, workloads, _request.TimeProvider, _log).WaitAsync(_request.Timeout, failFastOnPods: true, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception) when (exception is RolloutFailedException or TimeoutException)
        {
            return exception.Message;
        }
    }

    private static string Describe(PlannedObject item) => item.Change switch
    {
        AppliedChange.Created when item.InNewNamespace => "created (its namespace is new, so the server checks it when it is applied)",
        AppliedChange.Created => "created",
        AppliedChange.Configured => $"configured ({string.Join(", ", item.ChangedFields.Take(8))}{(item.ChangedFields.Count > 8 ? $", and {item.ChangedFields.Count - 8} more" : string.Empty)})",
        _ => "unchanged",
    };
}
