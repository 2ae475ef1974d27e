using Deploy.Kubernetes.Cluster;
using Deploy.Kubernetes.Rollout;
using Serilog;

namespace Deploy.Kubernetes.Apply;

/// <summary>
/// Undoes an apply as far as Kubernetes keeps history: every workload that existed and was changed goes back to its
/// revision before (<c>kubectl rollout undo</c>), and the rollbacks are followed under one deadline; objects the run
/// created are deleted only when asked (<see cref="KubernetesRolloutRequest.DeleteCreatedOnFailure"/>); other changed
/// objects (a ConfigMap, a Service) have no revisions and stay as applied. Each object's state is recorded.
/// </summary>
internal static class Undo
{
    public static async Task<UndoOutcome> RunAsync(
        ClusterApi api, ResourceCatalog catalog, KubernetesRolloutRequest request, IReadOnlyList<AppliedObject> objects, ILogger log, CancellationToken cancellationToken)
    {
        var states = objects.ToList();
        if (!request.Rollback)
        {
            states = [.. states.Select(o => o.State is not null ? o : o with { State = LeftAsApplied(o) })];
            return new UndoOutcome(states, RolledBack: false, Failure: null, Summarize("Nothing was rolled back (rollback is off).", states));
        }

        // Created objects go first (newest first): they are what is new and broken, and nothing older depends on them.
        for (var i = states.Count - 1; i >= 0; i--)
        {
            if (states[i] is { State: null, Change: AppliedChange.Created } created)
            {
                states[i] = created with { State = request.DeleteCreatedOnFailure ? await DeleteAsync(api, catalog, created, log, cancellationToken).ConfigureAwait(false) : LeftAsApplied(created) };
            }
        }

        var rolling = new List<(int Index, Workload Workload, long Revision)>();
        string? failure = null;
        for (var i = 0; i < states.Count; i++)
        {
            var item = states[i];
            if (item.State is not null)
            {
                continue;
            }

            if (WorkloadOf(item) is not { } workload || item.Change != AppliedChange.Configured)
            {
                states[i] = item with { State = LeftAsApplied(item) };
                continue;
            }

            if (item.RevisionBefore is not { } before)
            {
                states[i] = item with { State = "not rolled back: it had no revision before this rollout" };
                failure ??= $"{workload} had no revision before this rollout";
                continue;
            }

            try
            {
                log.Warning("Rolling {Workload:l} in namespace {Namespace:l} back to revision {Revision}", workload.ToString(), workload.Namespace, before);
                var outcome = await WorkloadHistory.RollBackAsync(api, workload, before, log, cancellationToken).ConfigureAwait(false);
                if (outcome.Skipped)
                {
                    states[i] = item with { State = $"not rolled back: its template already matches revision {before}" };
                }
                else
                {
                    rolling.Add((i, workload, before));
                }
            }
            catch (RolloutFailedException exception)
            {
                states[i] = item with { State = $"could not be rolled back: {exception.Message}" };
                failure ??= exception.Message;
            }
        }

        if (rolling.Count > 0)
        {
            failure = await WaitAsync(api, request, rolling, states, log, cancellationToken).ConfigureAwait(false) ?? failure;
        }

        var head = failure is not null
            ? $"The rollback failed too: {failure}. Look at the workloads (kubectl rollout status) and fix them by hand."
            : rolling.Count > 0 ? "Every workload that existed before was rolled back." : "No workload that existed before had changed, so none was rolled back.";
        return new UndoOutcome(states, RolledBack: failure is null && rolling.Count > 0, failure, Summarize(head, states));
    }

    private static async Task<string?> WaitAsync(
        ClusterApi api, KubernetesRolloutRequest request, List<(int Index, Workload Workload, long Revision)> rolling, List<AppliedObject> states, ILogger log, CancellationToken cancellationToken)
    {
        string? failure = null;
        try
        {
            await new WorkloadWaiter(api, [.. rolling.Select(r => r.Workload)], request.TimeProvider, log).WaitAsync(request.Timeout, failFastOnPods: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RolloutFailedException or TimeoutException)
        {
            failure = exception.Message;
        }

        foreach (var (index, workload, revision) in rolling)
        {
            var now = await WorkloadHistory.CurrentAsync(api, workload, cancellationToken).ConfigureAwait(false);
            states[index] = states[index] with
            {
                RevisionAfter = now,
                State = failure is null
                    ? $"rolled back to revision {revision} (now revision {Show(now)})"
                    : $"rolling back to revision {revision} did not finish (now revision {Show(now)}): {failure}",
            };
        }

        return failure;
    }

    private static async Task<string> DeleteAsync(ClusterApi api, ResourceCatalog catalog, AppliedObject created, ILogger log, CancellationToken cancellationToken)
    {
        var (resource, missing) = await catalog.FindAsync(created.ApiVersion, created.Kind, cancellationToken).ConfigureAwait(false);
        if (resource is null)
        {
            return $"created by this run and not deleted: {missing}";
        }

        try
        {
            log.Warning("Deleting {Kind:l} {Name:l}, which this run created (--delete-created-on-failure)", created.Kind, created.Name);
            return await api.DeleteAsync(resource, created.Namespace, created.Name, cancellationToken).ConfigureAwait(false)
                ? "deleted: this run had created it"
                : "gone: this run had created it, and someone deleted it meanwhile";
        }
        catch (KubernetesRolloutException exception)
        {
            return $"created by this run and could not be deleted: {exception.Message.TrimEnd('.')}";
        }
    }

    private static string LeftAsApplied(AppliedObject item) => item.Change switch
    {
        AppliedChange.Created => "created by this run and left in place (--delete-created-on-failure deletes what a failed run created)",
        AppliedChange.Unchanged => "unchanged by this run",
        _ when WorkloadOf(item) is { } workload => $"left as applied (to go back: kubectl rollout undo {workload.Resource}/{workload.Name} -n {workload.Namespace})",
        _ => "configured by this run and left so: only workloads have revisions to go back to",
    };

    private static Workload? WorkloadOf(AppliedObject item) =>
        Workload.KindOf(item.ApiVersion.Contains('/', StringComparison.Ordinal) ? item.ApiVersion[..item.ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty, item.Kind) is { } kind
            ? new Workload(kind, item.Namespace ?? string.Empty, item.Name)
            : null;

    private static string Summarize(string head, IReadOnlyList<AppliedObject> states) =>
        string.Join(Environment.NewLine, states.Select(s => $"- {s.Kind} {(s.Namespace is null ? s.Name : $"{s.Namespace}/{s.Name}")}: {s.State}").Prepend(head + " Where each object is now:"));

    private static string Show(long? revision) => revision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
