using Deploy.Kubernetes.Tests.Emulator;
using Deploy.Kubernetes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Kubernetes.Tests;

public sealed class SlowRolloutTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Until_the_controller_observes_the_new_generation_the_old_status_does_not_count_as_rolled_out()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.Controller.HoldObservation = true;

        var run = cluster.RunAsync(cluster.Request());
        await Poll.UntilAsync(() => cluster.Log.Information.Contains("Waiting for deployment spec update to be observed...") || run.IsCompleted, Deadline, "the first status line");
        cluster.Emulator.Touch("web");
        Assert.False(run.IsCompleted, cluster.Log.ToString());
        cluster.Emulator.ReleaseObservation();
        var result = await run;

        Assert.Equal(2, result.RevisionAfter);
        Assert.Single(cluster.Log.Information, s => s == "Waiting for deployment spec update to be observed...");
        Assert.Equal("deployment \"web\" successfully rolled out", cluster.Log.Information[^1]);
    }

    [Fact]
    public async Task A_rollout_that_outlasts_the_timeout_is_rolled_back_and_the_error_gives_the_last_status()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.NeverReady);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        const string Stuck = "Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...";

        var run = cluster.RunAsync(cluster.Request() with { TimeProvider = time, Timeout = TimeSpan.FromMinutes(10) });
        await Poll.UntilAsync(() => cluster.Log.Information.Contains(Stuck) || run.IsCompleted, Deadline, "the rollout to get stuck");
        Assert.False(run.IsCompleted, cluster.Log.ToString());
        time.Advance(TimeSpan.FromMinutes(10));
        var failure = await Assert.ThrowsAsync<KubernetesRolloutException>(() => run);

        Assert.Equal(
            $"The rollout of {EmulatedCluster.V2} to deployment \"web\" in namespace \"apps\" failed: deployment \"web\" did not finish rolling out within 10 min (last status: {Stuck}). "
            + "Rolled back to revision 1 (now revision 3): the deployment runs what it ran before.",
            failure.Message);
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task Cancelling_stops_following_the_rollout_and_leaves_it_to_the_cluster()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.Controller.HoldObservation = true;
        using var cancel = new CancellationTokenSource();

        var run = cluster.RunAsync(cluster.Request(), cancel.Token);
        await Poll.UntilAsync(() => cluster.Log.Information.Contains("Waiting for deployment spec update to be observed...") || run.IsCompleted, Deadline, "the first status line");
        await cancel.CancelAsync();

        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(cancel.Token, cancelled.CancellationToken);
        Assert.Equal(1, cluster.Emulator.Patches);
        Assert.Equal(EmulatedCluster.V2, cluster.Emulator.ImageOf("web", "web"));
    }
}
