using System.Collections.Immutable;

namespace Deploy.Prometheus;

/// <summary>
/// What one push sends. Immutable, so the run's thread hands it to the pushing thread without copying;
/// a later snapshot always holds everything an earlier one did (the newest state wins).
/// </summary>
/// <param name="Stages">Targets that ran, in the order they finished.</param>
/// <param name="Info">The <c>deploy_pipeline_info</c> labels known so far (commit, ref, image).</param>
/// <param name="Pipeline">The run's own series; null until the run has ended.</param>
internal sealed record MetricsSnapshot(ImmutableList<StageSample> Stages, ImmutableSortedDictionary<string, string> Info, PipelineSample? Pipeline)
{
    public static MetricsSnapshot Empty { get; } = new([], ImmutableSortedDictionary<string, string>.Empty, null);
}
