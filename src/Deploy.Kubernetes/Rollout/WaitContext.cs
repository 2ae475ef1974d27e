namespace Deploy.Kubernetes.Rollout;

/// <summary>What a <see cref="WorkloadTracker"/> gets from the <see cref="WorkloadWaiter"/>'s event loop.</summary>
/// <param name="Post">Queues a handler on the loop: handlers run one at a time, in the order their events arrived.</param>
/// <param name="Forward">Runs a watch whose failure (not its cancellation) reaches the loop as a handler that throws.</param>
/// <param name="FailFastOnPods">Whether a broken new pod fails the rollout at once.</param>
internal sealed record WaitContext(Func<Func<Task>, ValueTask> Post, Func<Task, Task> Forward, bool FailFastOnPods);
