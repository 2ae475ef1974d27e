namespace Deploy.Build;

/// <summary>
/// Observes a run: metrics, live progress and CI hosts plug in here, not into the executor.
/// A build contributes observers by implementing this interface itself, or through properties of type
/// <see cref="IRunObserver"/> on the build or on a component interface it implements
/// (<c>IRunObserver Metrics =&gt; new MetricsObserver(this);</c>), read once per run.
/// Calls are serialised: an observer never sees two at once. An observer that throws gets a warning;
/// it never changes the build's result.
/// </summary>
public interface IRunObserver
{
    /// <summary>The plan is final and the first target is about to start.</summary>
    void RunStarted(RunStartedEvent run) { }

    /// <summary>A target started. Return quickly: slow work belongs in the background.</summary>
    void TargetStarted(TargetStartedEvent target) { }

    /// <summary>A target reached its final status (also for skipped and never-run targets).</summary>
    void TargetFinished(TargetFinishedEvent target) { }

    /// <summary>
    /// The run ended (succeeded, failed or cancelled). Awaited before the summary is printed, so bound your
    /// own time (a second Ctrl+C ends the process at once). <paramref name="cancellationToken"/> is for
    /// hosts that stop the run from outside.
    /// </summary>
    Task RunFinishedAsync(RunFinishedEvent run, CancellationToken cancellationToken) => Task.CompletedTask;
}
