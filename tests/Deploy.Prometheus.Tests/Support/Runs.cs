using Deploy.Build;

namespace Deploy.Prometheus.Tests.Support;

/// <summary>The engine's events for made-up runs, with round numbers to compare against.</summary>
internal static class Runs
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);

    public static TargetFinishedEvent Target(string name, TargetStatus status, double seconds = 0, params (string Key, string Value)[] outputs)
    {
        var ran = status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.Collective;
        return new TargetFinishedEvent(
            name,
            status,
            ran ? Start : null,
            ran ? Start.AddSeconds(seconds) : null,
            TimeSpan.FromSeconds(seconds),
            status is TargetStatus.Skipped or TargetStatus.NotRun ? "not needed" : null,
            status == TargetStatus.Failed ? "it broke" : null,
            outputs.ToDictionary(o => o.Key, o => o.Value));
    }

    public static RunFinishedEvent Finished(RunResult result, double wallSeconds, params TargetFinishedEvent[] targets) =>
        new(result, Start, Start.AddSeconds(wallSeconds), targets);

    /// <summary>Plays a whole run to the observer, as the engine would.</summary>
    public static async Task PlayAsync(IRunObserver observer, RunFinishedEvent run)
    {
        observer.RunStarted(new RunStartedEvent(run.StartedAt, run.Targets.Select(t => t.Name).ToList(), 1));
        foreach (var target in run.Targets)
        {
            observer.TargetStarted(new TargetStartedEvent(target.Name, target.StartedAt ?? run.StartedAt));
            observer.TargetFinished(target);
        }

        await observer.RunFinishedAsync(run, CancellationToken.None);
    }

    public static double UnixSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;
}
