using System.Globalization;
using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

public sealed class WatchResilienceTests
{
    private const string DeploymentsPath = "/apis/apps/v1/namespaces/apps/deployments";

    [Fact]
    public async Task A_watch_connection_dropped_mid_rollout_is_resumed_from_the_last_resource_version_without_listing_again()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var start = cluster.Emulator.Controller.Steps;
        cluster.Emulator.AfterStep(start + 2, cluster.Emulator.State.DropWatches);

        var result = await cluster.RunAsync(cluster.Request());

        Assert.Equal(2, result.RevisionAfter);
        var watches = cluster.Emulator.Requests.Where(r => r.Path == DeploymentsPath && r.IsWatch).ToList();
        Assert.True(watches.Count >= 2, cluster.Log.ToString());
        var versions = watches.Select(w => long.Parse(w.Parameter("resourceVersion")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(versions[1] >= versions[0], $"The resumed watch asked for resourceVersion {versions[1]}, older than the first's {versions[0]}.");
        Assert.Single(cluster.Emulator.Requests, r => r.Path == DeploymentsPath && !r.IsWatch);
        Assert.Equal(0, cluster.Emulator.State.ExpiredWatches);
        Assert.Contains(cluster.Log.Lines, l => l.Contains("watch failed at resourceVersion", StringComparison.Ordinal));
        Assert.Equal(
            EmulatedCluster.SuccessfulRolloutStatuses,
            cluster.Log.Information.Where(s => !s.StartsWith("Setting", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_watch_that_ends_mid_rollout_is_resumed_after_the_last_event_it_delivered()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.State.EndNextDeploymentWatchAfter = 2;

        var result = await cluster.RunAsync(cluster.Request());

        Assert.Equal(2, result.RevisionAfter);
        var watches = cluster.Emulator.Requests.Where(r => r.Path == DeploymentsPath && r.IsWatch).ToList();
        Assert.True(watches.Count >= 2, cluster.Log.ToString());
        var versions = watches.Select(w => long.Parse(w.Parameter("resourceVersion")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(versions[1] > versions[0], $"The resumed watch asked for resourceVersion {versions[1]}, not later than the first's {versions[0]}.");
        Assert.Single(cluster.Emulator.Requests, r => r.Path == DeploymentsPath && !r.IsWatch);
        Assert.Contains(cluster.Log.Lines, l => l.Contains("watch ended at resourceVersion", StringComparison.Ordinal));
        Assert.Equal("deployment \"web\" successfully rolled out", cluster.Log.Information[^1]);
    }

    [Fact]
    public async Task A_watch_whose_resource_version_is_gone_lists_again_and_carries_on()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var start = cluster.Emulator.Controller.Steps;
        cluster.Emulator.AfterStep(start + 2, () =>
        {
            // Cut the watches, change something they have not seen, and compact it away: resuming cannot work.
            cluster.Emulator.State.DropWatches();
            cluster.Emulator.Touch("web");
            cluster.Emulator.State.Compact();
        });

        var result = await cluster.RunAsync(cluster.Request());

        Assert.Equal(2, result.RevisionAfter);
        Assert.True(cluster.Emulator.State.ExpiredWatches >= 1, cluster.Log.ToString());
        Assert.Equal(2, cluster.Emulator.Requests.Count(r => r.Path == DeploymentsPath && !r.IsWatch));
        Assert.Contains(cluster.Log.Lines, l => l.Contains("expired (410 Gone); listing again", StringComparison.Ordinal));
        Assert.Equal("deployment \"web\" successfully rolled out", cluster.Log.Information[^1]);
    }
}
