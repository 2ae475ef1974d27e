namespace Deploy.Build;

/// <summary>The run is about to start its first target.</summary>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Targets">The planned targets, in plan order.</param>
/// <param name="Parallelism">At most this many targets run at once.</param>
public sealed record RunStartedEvent(DateTimeOffset StartedAt, IReadOnlyList<string> Targets, int Parallelism);

/// <summary>A target started.</summary>
/// <param name="Name">The target.</param>
/// <param name="StartedAt">When it started.</param>
public sealed record TargetStartedEvent(string Name, DateTimeOffset StartedAt);

/// <summary>A target reached its final status. Secrets are already masked in every string.</summary>
/// <param name="Name">The target.</param>
/// <param name="Status">Its final status.</param>
/// <param name="StartedAt">When it started; null when it never ran.</param>
/// <param name="FinishedAt">When it finished; null when it never ran.</param>
/// <param name="Duration">How long it ran (zero when it never ran).</param>
/// <param name="Reason">Why it was skipped or not run.</param>
/// <param name="Error">The failure's message.</param>
/// <param name="Outputs">Values declared with <see cref="ITargetDefinition.Produces"/>.</param>
public sealed record TargetFinishedEvent(
    string Name,
    TargetStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    TimeSpan Duration,
    string? Reason,
    string? Error,
    IReadOnlyDictionary<string, string> Outputs);

/// <summary>The run ended. Observers may add lines to the summary with <see cref="AddSummaryNote"/>.</summary>
public sealed class RunFinishedEvent
{
    private readonly List<string> _notes = [];

    /// <summary>Creates the event (the engine does; public for observers' tests).</summary>
    public RunFinishedEvent(RunResult result, DateTimeOffset startedAt, DateTimeOffset finishedAt, IReadOnlyList<TargetFinishedEvent> targets)
    {
        Result = result;
        StartedAt = startedAt;
        FinishedAt = finishedAt;
        Targets = targets;
    }

    /// <summary>How the run ended.</summary>
    public RunResult Result { get; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>When the last target finished.</summary>
    public DateTimeOffset FinishedAt { get; }

    /// <summary>The run's wall time.</summary>
    public TimeSpan WallTime => FinishedAt - StartedAt;

    /// <summary>Every planned target, in plan order.</summary>
    public IReadOnlyList<TargetFinishedEvent> Targets { get; }

    /// <summary>Outputs of all targets, merged (a later target's value wins).</summary>
    public IReadOnlyDictionary<string, string> Outputs =>
        Targets.SelectMany(t => t.Outputs).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    internal IReadOnlyList<string> SummaryNotes => _notes;

    /// <summary>Adds a line under the summary table (e.g. where metrics were pushed).</summary>
    public void AddSummaryNote(string note)
    {
        lock (_notes)
        {
            _notes.Add(note);
        }
    }
}
