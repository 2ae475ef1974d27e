namespace Deploy.Build.Execution;

/// <summary>How one planned target ended; filled in by the executor.</summary>
internal sealed class TargetOutcome(string name)
{
    public string Name { get; } = name;
    public TargetStatus? Status { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public TimeSpan Duration { get; set; }
    public string? Reason { get; set; }
    public Exception? Error { get; set; }
    public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether its actions ran in this run (or, for a collective target, a target it needs ran): what it hands on
    /// is new, so a target that needs it cannot be restored from an earlier run.
    /// </summary>
    public bool Ran { get; set; }

    /// <summary>
    /// What it passes into the fingerprints of the targets that need it (<see cref="Fingerprints.Contributions"/>);
    /// set when it finishes.
    /// </summary>
    public string? Contribution { get; set; }

    /// <summary>Its fingerprint's key, when it declares inputs and they could be read.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>Whether it finished without running its actions to a successful end.</summary>
    public bool Blocks => Status is TargetStatus.NotRun or TargetStatus.Aborted or TargetStatus.Failed;
}
