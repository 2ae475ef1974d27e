using System.Threading.Channels;
using Deploy.Kubernetes.Cluster;
using k8s;
using k8s.Models;
using Serilog;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// Follows one Deployment's rollout with watches, not polling: the Deployment (by name) for <see cref="RolloutStatus"/>,
/// and, once the controller has made the new ReplicaSet, that ReplicaSet's pods (by pod-template-hash) for
/// <see cref="PodProblems"/>. Both feed one loop, so every decision sees the events in the order they arrived.
/// </summary>
internal sealed class RolloutWaiter
{
    private readonly ClusterApi _api;
    private readonly string _deployment;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Channel<Func<Task<V1Deployment?>>> _events = Channel.CreateUnbounded<Func<Task<V1Deployment?>>>(new UnboundedChannelOptions { SingleReader = true });
    private string? _podHash;
    private long _podHashGeneration = -1;
    private readonly List<(Task Task, CancellationTokenSource Stop)> _podWatches = [];

    public RolloutWaiter(ClusterApi api, string deployment, TimeProvider time, ILogger log)
    {
        _api = api;
        _deployment = deployment;
        _time = time;
        _log = log;
    }

    /// <summary>The last status message logged; for a timeout's message.</summary>
    public string? LastMessage { get; private set; }

    /// <summary>Waits until the rollout succeeded (returns the Deployment) or failed (<see cref="RolloutFailedException"/>).</summary>
    public async Task<V1Deployment> WaitAsync(bool failFastOnPods, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deploymentWatch = new ResourceWatch<V1Deployment>(
            $"deployment \"{_deployment}\"",
            async ct =>
            {
                var list = await _api.ListDeploymentsAsync(_deployment, ct).ConfigureAwait(false);
                return list.Items.Count == 0
                    ? throw new RolloutFailedException($"deployment \"{_deployment}\" was deleted during the rollout")
                    : (list.Items, list.Metadata.ResourceVersion);
            },
            (version, onError, ct) => _api.WatchDeploymentsAsync(_deployment, version, onError, ct),
            _api.Explain,
            _time,
            _log);
        var watching = Forward(deploymentWatch.RunAsync((type, deployment) => Post(() => Task.FromResult<V1Deployment?>(OnDeployment(type, deployment))), stop.Token));
        try
        {
            await foreach (var handle in _events.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var deployment = await handle().ConfigureAwait(false);
                if (deployment is null)
                {
                    continue;
                }

                var status = RolloutStatus.Of(deployment);
                if (status.Failed)
                {
                    throw new RolloutFailedException(status.Message);
                }

                if (status.Done)
                {
                    return deployment;
                }

                if (failFastOnPods && RolloutStatus.IsObserved(deployment) && deployment.Metadata.Generation != _podHashGeneration)
                {
                    await WatchNewPodsAsync(deployment, stop.Token).ConfigureAwait(false);
                }
            }

            throw new InvalidOperationException("The event loop ended without a result.");
        }
        finally
        {
            // Nothing keeps running after the wait: every watch is stopped and awaited (they do not throw).
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll([watching, .. _podWatches.Select(w => w.Task)]).ConfigureAwait(false);
            foreach (var (_, podStop) in _podWatches)
            {
                podStop.Dispose();
            }
        }
    }

    private V1Deployment? OnDeployment(WatchEventType type, V1Deployment deployment)
    {
        if (type == WatchEventType.Deleted)
        {
            throw new RolloutFailedException($"deployment \"{_deployment}\" was deleted during the rollout");
        }

        var message = RolloutStatus.Of(deployment).Message;
        if (message != LastMessage)
        {
            LastMessage = message;
            _log.Information("{Status:l}", message);
        }

        return deployment;
    }

    private async Task WatchNewPodsAsync(V1Deployment deployment, CancellationToken cancellationToken)
    {
        var selector = LabelSelectors.Of(deployment.Spec.Selector);
        var replicaSets = await _api.ListReplicaSetsAsync(selector, cancellationToken).ConfigureAwait(false);
        var current = replicaSets.Items.FirstOrDefault(rs => Revisions.IsOwnedBy(rs, deployment) && Revisions.SameTemplate(rs.Spec.Template, deployment.Spec.Template));
        string? hash = null;
        _ = current?.Metadata.Labels?.TryGetValue(Revisions.HashLabel, out hash);
        if (hash is null)
        {
            return;
        }

        _podHashGeneration = deployment.Metadata.Generation ?? 0;
        if (hash == _podHash)
        {
            return;
        }

        _podHash = hash;
        foreach (var (_, previous) in _podWatches)
        {
            await previous.CancelAsync().ConfigureAwait(false);
        }

        var podStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var podSelector = LabelSelectors.Of(deployment.Spec.Selector, (Revisions.HashLabel, hash));
        _log.Debug("Watching the new pods ({Selector:l}) of replica set {ReplicaSet:l}", podSelector, current!.Metadata.Name);
        var podWatch = new ResourceWatch<V1Pod>(
            $"the pods of replica set \"{current.Metadata.Name}\"",
            async ct =>
            {
                var list = await _api.ListPodsAsync(podSelector, ct).ConfigureAwait(false);
                return (list.Items, list.Metadata.ResourceVersion);
            },
            (version, onError, ct) => _api.WatchPodsAsync(podSelector, version, onError, ct),
            _api.Explain,
            _time,
            _log);
        _podWatches.Add((Forward(podWatch.RunAsync((type, pod) => Post(() => Task.FromResult<V1Deployment?>(OnPod(type, pod))), podStop.Token)), podStop));
    }

    private static V1Deployment? OnPod(WatchEventType type, V1Pod pod)
    {
        if (type != WatchEventType.Deleted && PodProblems.Find(pod) is { } problem)
        {
            throw new RolloutFailedException(problem);
        }

        return null;
    }

    private ValueTask Post(Func<Task<V1Deployment?>> handle) => _events.Writer.WriteAsync(handle);

    /// <summary>Runs a watch; its failure (not its cancellation) reaches the event loop as an event that throws.</summary>
    private async Task Forward(Task watch)
    {
        try
        {
            await watch.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception exception)
        {
            _events.Writer.TryWrite(() => Task.FromException<V1Deployment?>(exception));
        }
    }
}
