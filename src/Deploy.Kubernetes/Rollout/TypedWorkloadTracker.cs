using Deploy.Kubernetes.Cluster;
using k8s;
using k8s.Models;
using Serilog;

namespace Deploy.Kubernetes.Rollout;

/// <summary>A <see cref="WorkloadTracker"/> for one kind's typed objects: the kind supplies list, watch, status and new pods.</summary>
internal abstract class TypedWorkloadTracker<T> : WorkloadTracker
    where T : IKubernetesObject<V1ObjectMeta>
{
    protected TypedWorkloadTracker(ClusterApi api, Workload workload, TimeProvider time, ILogger log)
        : base(api, workload, time, log)
    {
    }

    public override Task RunAsync(WaitContext context, CancellationToken cancellationToken)
    {
        var watch = new ResourceWatch<T>(
            Workload.ToString(),
            async ct =>
            {
                var (items, version) = await ListAsync(ct).ConfigureAwait(false);
                return items.Count == 0 ? throw Deleted() : (items, version);
            },
            WatchAsync,
            Api.Explain,
            Time,
            Log);
        return watch.RunAsync((type, obj) => context.Post(() => OnObjectAsync(type, obj, context, cancellationToken)), cancellationToken);
    }

    protected abstract Task<(IList<T> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken);

    protected abstract IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);

    protected abstract RolloutStatus StatusOf(T workload);

    /// <summary>Whether the controller has seen the latest spec (otherwise the status describes an older one).</summary>
    protected abstract bool IsObserved(T workload);

    /// <summary>The label selector of the pods of the revision being rolled out, and what owns them; null while not known yet.</summary>
    protected abstract Task<(string Selector, string Owner)?> NewPodsAsync(T workload, CancellationToken cancellationToken);

    private async Task OnObjectAsync(WatchEventType type, T workload, WaitContext context, CancellationToken cancellationToken)
    {
        if (type == WatchEventType.Deleted)
        {
            throw Deleted();
        }

        var status = StatusOf(workload);
        Record(status, workload.Metadata);
        if (!status.Done && context.FailFastOnPods && IsObserved(workload) && workload.Metadata.Generation != PodGeneration
            && await NewPodsAsync(workload, cancellationToken).ConfigureAwait(false) is { } pods)
        {
            PodGeneration = workload.Metadata.Generation ?? 0;
            await WatchPodsAsync(pods.Selector, pods.Owner, context, cancellationToken).ConfigureAwait(false);
        }
    }
}
