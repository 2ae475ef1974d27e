using Deploy.Kubernetes.Cluster;
using k8s.Models;
using Serilog;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// One workload's rollout as a <see cref="WorkloadWaiter"/> follows it: the latest status by <c>kubectl rollout
/// status</c>'s rules for its kind (each new message logged once), and a watch on the pods of the revision being
/// rolled out, for <see cref="PodProblems"/>.
/// </summary>
internal abstract class WorkloadTracker
{
    private readonly List<(Task Task, CancellationTokenSource Stop)> _podWatches = [];
    private string? _podSelector;

    protected WorkloadTracker(ClusterApi api, Workload workload, TimeProvider time, ILogger log)
    {
        Api = api;
        Workload = workload;
        Time = time;
        Log = log;
    }

    public Workload Workload { get; }

    /// <summary>The latest status; null before the first event.</summary>
    public RolloutStatus? Status { get; private set; }

    /// <summary>The latest status message logged; for a timeout's message.</summary>
    public string? LastMessage => Status?.Message;

    /// <summary>The workload's metadata as last seen (revision annotations, generation).</summary>
    public V1ObjectMeta? Metadata { get; private set; }

    /// <summary>Put before each logged message when several workloads are followed at once: <c>statefulset/db: </c>.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>The generation whose new pods are watched; -1 before that.</summary>
    protected long PodGeneration { get; set; } = -1;

    protected ClusterApi Api { get; }

    protected TimeProvider Time { get; }

    protected ILogger Log { get; }

    public static WorkloadTracker For(ClusterApi api, Workload workload, TimeProvider time, ILogger log) => workload.Kind switch
    {
        WorkloadKind.StatefulSet => new StatefulSetTracker(api.In(workload.Namespace), workload, time, log),
        WorkloadKind.DaemonSet => new DaemonSetTracker(api.In(workload.Namespace), workload, time, log),
        _ => new DeploymentTracker(api.In(workload.Namespace), workload, time, log),
    };

    /// <summary>Lists and watches the workload until cancelled, posting every version of it to the loop.</summary>
    public abstract Task RunAsync(WaitContext context, CancellationToken cancellationToken);

    /// <summary>Stops the pod watches and waits for them (they do not throw).</summary>
    public async Task StopAsync()
    {
        foreach (var (_, stop) in _podWatches)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_podWatches.Select(w => w.Task)).ConfigureAwait(false);
        foreach (var (_, stop) in _podWatches)
        {
            stop.Dispose();
        }
    }

    protected RolloutFailedException Deleted() => new($"{Workload} was deleted during the rollout");

    /// <summary>Takes the status of the latest version; logs its message when it is new; throws when it failed.</summary>
    protected void Record(RolloutStatus status, V1ObjectMeta metadata)
    {
        Metadata = metadata;
        if (status.Message != Status?.Message)
        {
            Log.Information("{Status:l}", Prefix + status.Message);
        }

        Status = status;
        if (status.Failed)
        {
            throw new RolloutFailedException(status.Message);
        }
    }

    /// <summary>Watches the pods of <paramref name="selector"/> (replacing an earlier selector's watch) for problems.</summary>
    protected async Task WatchPodsAsync(string selector, string owner, WaitContext context, CancellationToken cancellationToken)
    {
        if (selector == _podSelector)
        {
            return;
        }

        _podSelector = selector;
        foreach (var (_, previous) in _podWatches)
        {
            await previous.CancelAsync().ConfigureAwait(false);
        }

        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Log.Debug("Watching the new pods ({Selector:l}) of {Owner:l}", selector, owner);
        var podWatch = new ResourceWatch<V1Pod>(
            $"the pods of {owner}",
            async ct =>
            {
                var list = await Api.ListPodsAsync(selector, ct).ConfigureAwait(false);
                return (list.Items, list.Metadata.ResourceVersion);
            },
            (version, onError, ct) => Api.WatchPodsAsync(selector, version, onError, ct),
            Api.Explain,
            Time,
            Log);
        var task = context.Forward(podWatch.RunAsync((type, pod) => context.Post(() => OnPod(type, pod)), stop.Token));
        _podWatches.Add((task, stop));
    }

    private static Task OnPod(k8s.WatchEventType type, V1Pod pod) =>
        type != k8s.WatchEventType.Deleted && PodProblems.Find(pod) is { } problem
            ? Task.FromException(new RolloutFailedException(problem))
            : Task.CompletedTask;
}
