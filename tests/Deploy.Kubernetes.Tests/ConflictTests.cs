using System.Text.Json.Nodes;
using Deploy.Kubernetes.Tests.Emulator;
using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>Field ownership: a field someone else manages is theirs until --force-conflicts takes it.</summary>
public sealed class ConflictTests
{
    private static (string, string)[] App() => [("app.yaml", Yaml.Documents(Yaml.Deployment(), Yaml.Service()))];

    /// <summary>What `kubectl scale` or an autoscaler does: an update by another manager that changes replicas.</summary>
    private static async Task ScaleAsync(EmulatedCluster cluster, int replicas)
    {
        using var http = new HttpClient { BaseAddress = cluster.Emulator.Url };
        using var patch = new StringContent(new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }.ToJsonString(), System.Text.Encoding.UTF8, "application/merge-patch+json");
        using var response = await http.PatchAsync("/apis/apps/v1/namespaces/apps/deployments/web?fieldManager=kubectl-scale", patch);
        response.EnsureSuccessStatusCode();
        cluster.Emulator.Settle();
    }

    [Fact]
    public async Task A_field_another_manager_changed_is_a_conflict_naming_field_and_manager_and_nothing_is_applied()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, App()));
        await ScaleAsync(cluster, 5);
        var version = cluster.Emulator.State.ResourceVersion;

        var failure = await cluster.FailAsync(cluster.Apply(EmulatedCluster.V2, App()));

        Assert.Equal(
            [
                "The manifests were not applied: the API server's dry run refused them (1 problem); nothing was changed:",
                "deployment.apps/web in apps (manifests-2/app.yaml (document 1)) would take fields that other field managers own: .spec.replicas (managed by \"kubectl-scale\"). "
                + "Pass --force-conflicts to take them over, or remove those fields from the manifest (or give them the live values).",
            ],
            failure.Message.Split(Environment.NewLine));
        Assert.Equal(version, cluster.Emulator.State.ResourceVersion);
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task With_force_conflicts_the_field_is_taken_over_and_the_rollout_goes_on()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, App()));
        await ScaleAsync(cluster, 5);

        var result = await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, App()) with { ForceConflicts = true });

        var deployment = cluster.Emulator.Deployment("web");
        Assert.Equal(2, Objects.Number(deployment["spec"]!["replicas"]));
        Assert.Contains(".spec.replicas", result.Applied.Single(a => a.Kind == "Deployment").ChangedFields);
        // The scaler owned nothing else, so its entry is gone, as the API server drops an owner with no fields.
        Assert.DoesNotContain(deployment["metadata"]!["managedFields"]!.AsArray().OfType<JsonObject>(), m => (string?)m["manager"] == "kubectl-scale");
        var deploy = deployment["metadata"]!["managedFields"]!.AsArray().OfType<JsonObject>().Single(m => (string?)m["manager"] == "deploy" && (string?)m["operation"] == "Apply");
        Assert.NotNull(deploy["fieldsV1"]!["f:spec"]!["f:replicas"]);
        Assert.All(cluster.Emulator.Requests.Where(r => r.Method == "PATCH" && r.Path.EndsWith("/deployments/web", StringComparison.Ordinal)).TakeLast(2), r => Assert.Equal("true", r.Parameter("force")));
    }

    [Fact]
    public async Task The_same_value_is_shared_ownership_not_a_conflict()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, App()));
        await ScaleAsync(cluster, 2);

        var result = await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, App()));

        Assert.Equal(2L, result.Applied.Single(a => a.Kind == "Deployment").RevisionAfter);
    }

    [Fact]
    public async Task Fields_Deploy_itself_last_wrote_in_a_rollback_are_taken_back_without_force()
    {
        // The rollback of the failed second deploy is an update by "deploy": the third deploy's image would
        // conflict with it, but it is Deploy's own write, not another collaborator's.
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, App()));
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.CrashLoop);
        await cluster.FailAsync(cluster.Apply(EmulatedCluster.V2, App()));
        const string V3 = "registry.example/web@sha256:3333333333333333333333333333333333333333333333333333333333333333";

        var result = await cluster.RunAsync(cluster.Apply(V3, App()));

        Assert.Equal(V3, cluster.Emulator.ImageOf("web", "web"));
        Assert.Equal(4L, result.Applied.Single(a => a.Kind == "Deployment").RevisionAfter);
        Assert.Contains(cluster.Log.Lines, l => l.Contains("taking back fields Deploy itself last wrote (.spec.template.spec.containers[name=\"web\"].image)", StringComparison.Ordinal));
    }
}
