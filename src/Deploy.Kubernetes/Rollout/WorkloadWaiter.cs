using System.Threading.Channels;
using Deploy.Kubernetes.Cluster;
using Serilog;

namespace Deploy.Kubernetes.Rollout;

/// <summary>
/// Follows the rollouts of several workloads at once with watches, not polling, under one deadline: each workload
/// (by name) for its kind's <c>kubectl rollout status</c> rules, and the pods of the revision it rolls out for
/// <see cref="PodProblems"/>. Every watch feeds one loop, so every decision sees the events in the order they arrived;
/// the first failure of any workload ends the wait.
/// </summary>
internal sealed class WorkloadWaiter
{
    private readonly Channel<Func<Task>> _events = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });

    public WorkloadWaiter(ClusterApi api, IReadOnlyList<Workload> workloads, TimeProvider time, ILogger log)
    {
        Trackers = [.. workloads.Select(w => WorkloadTracker.For(api, w, time, log))];
        if (Trackers.Count > 1)
        {
            foreach (var tracker in Trackers)
            {
                tracker.Prefix = $"{tracker.Workload.Resource}/{tracker.Workload.Name}: ";
            }
        }

        Time = time;
    }

    public IReadOnlyList<WorkloadTracker> Trackers { get; }

    private TimeProvider Time { get; }

    /// <summary>
    /// Waits until every workload rolled out; throws <see cref="RolloutFailedException"/> when one cannot (progress
    /// deadline, broken new pod, deleted) and <see cref="TimeoutException"/> when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, bool failFastOnPods, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await WaitAsync(failFastOnPods, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var pending = Trackers.Where(t => t.Status?.Done != true).ToList();
            var last = pending.Count == 1
                ? pending[0].LastMessage ?? "none"
                : string.Join("; ", pending.Select(t => $"{t.Workload}: {t.LastMessage ?? "none"}"));
            throw new TimeoutException(
                $"{string.Join(", ", pending.Select(t => t.Workload.ToString()))} did not finish rolling out within {Durations(timeout)} (last status: {last})");
        }
    }

    private async Task WaitAsync(bool failFastOnPods, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var context = new WaitContext(handle => _events.Writer.WriteAsync(handle), Forward, failFastOnPods);
        var watches = Trackers.Select(t => Forward(t.RunAsync(context, stop.Token))).ToList();
        try
        {
            await foreach (var handle in _events.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                await handle().ConfigureAwait(false);
                if (Trackers.All(t => t.Status?.Done == true))
                {
                    return;
                }
            }

            throw new InvalidOperationException("The event loop ended without a result.");
        }
        finally
        {
            // Nothing keeps running after the wait: every watch is stopped and awaited (they do not throw).
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(watches).ConfigureAwait(false);
            foreach (var tracker in Trackers)
            {
                await tracker.StopAsync().ConfigureAwait(false);
            }
        }
    }

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
            _events.Writer.TryWrite(() => Task.FromException(exception));
        }
    }

    internal static string Durations(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 && span.Milliseconds == 0
            ? $"{(int)span.TotalMinutes} min"
            : $"{span.TotalSeconds:0.###} s";
}
