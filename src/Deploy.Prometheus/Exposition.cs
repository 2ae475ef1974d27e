using Prometheus;

namespace Deploy.Prometheus;

/// <summary>Writes a snapshot in the Prometheus text format, with prometheus-net doing the formatting and escaping.</summary>
internal static class Exposition
{
    /// <summary>The text format, version 0.0.4: what the Pushgateway parses when the type is not protobuf.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// A registry of our own per snapshot, holding only the series the snapshot has: no process or runtime
    /// metrics, and no empty families. It is built afresh because the info metric's label names depend on the
    /// outputs the run has produced so far, and a prometheus-net metric's label names are fixed.
    /// </summary>
    public static async Task<byte[]> RenderAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(registry);

        if (snapshot.Stages.Count > 0)
        {
            var stages = factory.CreateGauge(MetricNames.StageDuration, MetricNames.StageDurationHelp, "stage", "result");
            foreach (var stage in snapshot.Stages)
            {
                stages.WithLabels(stage.Stage, stage.Result).Set(stage.Seconds);
            }
        }

        var infoLabels = MetricNames.InfoLabels.Where(snapshot.Info.ContainsKey).ToArray();
        var info = factory.CreateGauge(MetricNames.Info, MetricNames.InfoHelp, infoLabels);
        info.WithLabels(infoLabels.Select(label => snapshot.Info[label]).ToArray()).Set(1);

        if (snapshot.Pipeline is { } pipeline)
        {
            factory.CreateGauge(MetricNames.PipelineDuration, MetricNames.PipelineDurationHelp, "result").WithLabels(pipeline.Result).Set(pipeline.WallSeconds);
            factory.CreateGauge(MetricNames.LastRun, MetricNames.LastRunHelp).Set(pipeline.FinishedAtUnixSeconds);

            // Pushed only by a successful run; the push is a POST, which replaces only the families it carries
            // (https://github.com/prometheus/pushgateway#post-method), so a failed run keeps the last success time.
            if (pipeline.Succeeded)
            {
                factory.CreateGauge(MetricNames.LastSuccess, MetricNames.LastSuccessHelp).Set(pipeline.FinishedAtUnixSeconds);
            }
        }

        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, cancellationToken).ConfigureAwait(false);
        return stream.ToArray();
    }
}
