using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

public sealed class RolloutSuccessTests
{
    [Fact]
    public async Task A_new_image_rolls_out_to_the_next_revision_with_kubectl_s_messages_each_logged_once()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        var result = await cluster.RunAsync(cluster.Request());

        Assert.Equal(new KubernetesRolloutResult
        {
            Namespace = "apps",
            Deployment = "web",
            Container = "web",
            Reference = EmulatedCluster.V2,
            RevisionBefore = 1,
            RevisionAfter = 2,
            RolledBack = false,
        }, result);
        Assert.Equal(EmulatedCluster.V2, cluster.Emulator.ImageOf("web", "web"));
        Assert.Equal("deploy: commit abc1234 (ref main)", (string?)cluster.Emulator.Deployment("web")["metadata"]!["annotations"]!["kubernetes.io/change-cause"]);
        Assert.Equal(
            EmulatedCluster.SuccessfulRolloutStatuses,
            cluster.Log.Information.Where(s => !s.StartsWith("Setting", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_image_is_set_with_one_strategic_merge_patch_and_the_rollout_is_followed_by_watching_not_polling()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        await cluster.RunAsync(cluster.Request());

        var requests = cluster.Emulator.Requests;
        var patch = Assert.Single(requests, r => r.Method == "PATCH");
        Assert.StartsWith("application/strategic-merge-patch+json", patch.ContentType, StringComparison.Ordinal);
        Assert.Single(requests, r => r.Method == "GET" && r.Path == "/apis/apps/v1/namespaces/apps/deployments/web");
        Assert.Single(requests, r => r.Path == "/apis/apps/v1/namespaces/apps/deployments" && !r.IsWatch);
        Assert.Contains(requests, r => r.Path == "/apis/apps/v1/namespaces/apps/deployments" && r.IsWatch && r.Parameter("fieldSelector") == "metadata.name=web");
    }

    [Fact]
    public async Task Deploying_the_image_that_already_runs_and_is_rolled_out_changes_nothing()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        var result = await cluster.RunAsync(cluster.Request(EmulatedCluster.V1));

        Assert.True(result.Unchanged);
        Assert.Equal((1L, 1L), (result.RevisionBefore, result.RevisionAfter));
        Assert.Equal(0, cluster.Emulator.Patches);
        Assert.Single(cluster.Log.Information, s => s.Contains("already runs", StringComparison.Ordinal) && s.EndsWith("nothing to roll out (--force Rollout redeploys)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forcing_the_image_that_already_runs_rolls_out_new_pods_as_a_restart_does()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        var result = await cluster.RunAsync(cluster.Request(EmulatedCluster.V1) with { Force = true });

        Assert.False(result.Unchanged);
        Assert.Equal((1L, 2L), (result.RevisionBefore, result.RevisionAfter));
        Assert.NotNull(cluster.Emulator.Deployment("web")["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
        Assert.Contains("deployment \"web\" successfully rolled out", cluster.Log.Information);
    }
}
