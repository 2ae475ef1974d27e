using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>--kube-dry-run: the whole check, the server's dry run of every object, a report of what would change, no change.</summary>
public sealed class DryRunTests
{
    [Fact]
    public async Task A_dry_run_reports_created_configured_and_unchanged_per_object_and_changes_nothing()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, ("app.yaml", Yaml.Documents(Yaml.ConfigMap(), Yaml.Deployment()))));
        var version = cluster.Emulator.State.ResourceVersion;
        var writes = cluster.Emulator.Requests.Count(r => r.IsWrite);
        var seen = cluster.Log.Information.Count;

        var result = await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, ("app.yaml", Yaml.Documents(Yaml.ConfigMap(), Yaml.Deployment(), Yaml.Service()))) with { DryRun = true });

        Assert.True(result.DryRun);
        Assert.Equal(
            ["ConfigMap apps/web-config unchanged", "Deployment apps/web configured", "Service apps/web created"],
            result.Applied.Select(a => a.ToString()));
        Assert.Equal(
            [
                "configmap/web-config in apps: unchanged (server dry run)",
                "deployment.apps/web in apps: configured (.spec.template.spec.containers[name=\"web\"].image) (server dry run)",
                "service/web in apps: created (server dry run)",
            ],
            cluster.Log.Information.Skip(seen));
        Assert.Equal(version, cluster.Emulator.State.ResourceVersion);
        Assert.Equal(writes, cluster.Emulator.Requests.Count(r => r.IsWrite));
        Assert.Null(cluster.Emulator.State.Get("services", "apps", "web"));
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task A_dry_run_of_a_conflicting_set_fails_as_the_real_apply_would()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        // The Deployment exists, made by `kubectl create`: its image is that manager's.
        var failure = await cluster.FailAsync(cluster.Apply(EmulatedCluster.V2, ("app.yaml", Yaml.Deployment())) with { DryRun = true });
        var forced = await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, ("app.yaml", Yaml.Deployment())) with { DryRun = true, ForceConflicts = true });

        Assert.Contains("would take fields that other field managers own: .spec.template.spec.containers[name=\"web\"].image (managed by \"kubectl-create\")", failure.Message, StringComparison.Ordinal);
        Assert.Equal(AppliedChange.Configured, forced.Applied.Single().Change);
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
    }
}
