namespace Deploy.Build.Tests.Execution;

/// <summary>
/// An observer that records every event it gets, and tracks how many targets the engine reports as
/// running at once (from its own TargetStarted/TargetFinished calls, so no thread timing is involved).
/// </summary>
internal sealed class EventRecorder : IRunObserver
{
    private readonly Lock _lock = new();
    private readonly List<object> _events = [];
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private int _maxRunning;

    /// <summary>Called (on the engine's thread) after a target's finish is recorded.</summary>
    public Action<TargetFinishedEvent>? OnTargetFinished { get; init; }

    /// <summary>Called for RunFinishedAsync, e.g. to add a summary note.</summary>
    public Action<RunFinishedEvent>? OnRunFinished { get; init; }

    public IReadOnlyList<object> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToList();
            }
        }
    }

    public RunStartedEvent? Started => Events.OfType<RunStartedEvent>().SingleOrDefault();

    public IReadOnlyList<TargetStartedEvent> TargetsStarted => Events.OfType<TargetStartedEvent>().ToList();

    public IReadOnlyList<TargetFinishedEvent> TargetsFinished => Events.OfType<TargetFinishedEvent>().ToList();

    public RunFinishedEvent? Finished => Events.OfType<RunFinishedEvent>().SingleOrDefault();

    public TargetFinishedEvent FinishedOf(string name) => TargetsFinished.Single(e => e.Name == name);

    /// <summary>The most targets the engine had started but not yet finished at any one time.</summary>
    public int MaxRunning
    {
        get
        {
            lock (_lock)
            {
                return _maxRunning;
            }
        }
    }

    public void RunStarted(RunStartedEvent run) => Record(run);

    public void TargetStarted(TargetStartedEvent target)
    {
        lock (_lock)
        {
            _events.Add(target);
            _running.Add(target.Name);
            _maxRunning = Math.Max(_maxRunning, _running.Count);
        }
    }

    public void TargetFinished(TargetFinishedEvent target)
    {
        lock (_lock)
        {
            _events.Add(target);
            _running.Remove(target.Name);
        }

        OnTargetFinished?.Invoke(target);
    }

    public Task RunFinishedAsync(RunFinishedEvent run, CancellationToken cancellationToken)
    {
        Record(run);
        OnRunFinished?.Invoke(run);
        return Task.CompletedTask;
    }

    private void Record(object e)
    {
        lock (_lock)
        {
            _events.Add(e);
        }
    }
}
