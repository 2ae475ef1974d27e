using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>KubernetesRollout.RollBackAsync: a later step (a failed verification) undoes a rollout that succeeded.</summary>
public sealed class RollBackTests
{
    [Fact]
    public async Task A_successful_apply_is_undone_every_workload_back_at_its_revision_before_and_created_objects_deleted_when_asked()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, ("app.yaml", Yaml.Documents(Yaml.Deployment(), Yaml.StatefulSet()))));
        var request = cluster.Apply(EmulatedCluster.V2, ("app.yaml", Yaml.Documents(Yaml.Deployment(), Yaml.StatefulSet(), Yaml.Service()))) with { DeleteCreatedOnFailure = true };
        var applied = await cluster.RunAsync(request);

        var undone = await KubernetesRollout.RollBackAsync(request, applied, cluster.Log.Logger, _ => null, CancellationToken.None);

        Assert.True(undone.RolledBack);
        Assert.Equal(
            [
                "Deployment apps/web configured (rolled back to revision 1 (now revision 3))",
                "StatefulSet apps/db configured (rolled back to revision 1 (now revision 3))",
                "Service apps/web created (deleted: this run had created it)",
            ],
            undone.Applied.Select(a => a.ToString()));
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
        Assert.Null(cluster.Emulator.State.Get("services", "apps", "web"));
    }

    [Fact]
    public async Task A_set_image_rollout_is_undone_to_the_deployment_s_revision_before()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var request = cluster.Request();
        var rolled = await cluster.RunAsync(request);

        var undone = await KubernetesRollout.RollBackAsync(request, rolled, cluster.Log.Logger, _ => null, CancellationToken.None);

        Assert.Equal((true, 1L, 3L), (undone.RolledBack, undone.RevisionBefore, undone.RevisionAfter));
        Assert.Empty(undone.Applied);
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task A_dry_run_has_nothing_to_undo_and_the_cluster_is_not_contacted()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        var request = cluster.Apply(EmulatedCluster.V2, ("app.yaml", Yaml.Deployment())) with { DryRun = true };
        var dry = await cluster.RunAsync(request);
        var requests = cluster.Emulator.Requests.Count;

        var undone = await KubernetesRollout.RollBackAsync(request, dry, cluster.Log.Logger, _ => null, CancellationToken.None);

        Assert.Same(dry, undone);
        Assert.Equal(requests, cluster.Emulator.Requests.Count);
    }
}
