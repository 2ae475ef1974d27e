using System.Collections.Immutable;
using Deploy.Build;

namespace Deploy.Prometheus;

/// <summary>Turns the run's events into snapshots to push. Used from the observer's serialised calls only.</summary>
internal sealed class RunMetrics
{
    public MetricsSnapshot Current { get; private set; } = MetricsSnapshot.Empty;

    /// <summary>Takes in a finished target; true when that changed what would be pushed.</summary>
    public bool Add(TargetFinishedEvent target)
    {
        var next = Current;
        if (StageSample.From(target) is { } stage)
        {
            next = next with { Stages = next.Stages.Add(stage) };
        }

        var info = Info(target.Outputs, next.Info);
        if (!ReferenceEquals(info, next.Info))
        {
            next = next with { Info = info };
        }

        var changed = !ReferenceEquals(next, Current);
        Current = next;
        return changed;
    }

    /// <summary>The final snapshot, from the run's own list of targets (the authority, as in the run record).</summary>
    public MetricsSnapshot Finish(RunFinishedEvent run)
    {
        var stages = run.Targets.Select(StageSample.From).OfType<StageSample>().ToList();
        Current = new MetricsSnapshot([.. stages], Info(run.Outputs, Current.Info), PipelineSample.From(run));
        return Current;
    }

    /// <summary>The info labels with the given outputs applied; the same instance when nothing changed.</summary>
    private static ImmutableSortedDictionary<string, string> Info(IReadOnlyDictionary<string, string> outputs, ImmutableSortedDictionary<string, string> info)
    {
        foreach (var label in MetricNames.InfoLabels)
        {
            if (outputs.TryGetValue(label, out var value))
            {
                info = info.SetItem(label, value);
            }
        }

        return info;
    }
}
