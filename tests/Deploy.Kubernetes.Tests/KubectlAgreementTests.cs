using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>
/// The real kubectl against the emulator: it must read the emulator's answers as it reads a real API server's
/// (server-side dry run, the 409 conflict Status, rollout status per kind, ControllerRevision history), so that the
/// tests above test Deploy against Kubernetes' semantics and not against the emulator's. kubectl's own schema
/// validation is off (--validate=false): the emulator serves no OpenAPI documents.
/// </summary>
public sealed class KubectlAgreementTests
{
    [KubectlFact]
    public async Task A_server_dry_run_of_the_same_manifests_by_kubectl_passes_and_changes_nothing()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        var request = cluster.Apply(EmulatedCluster.V2, ("app.yaml", Yaml.Documents(Yaml.ConfigMap(), Yaml.Deployment(), Yaml.Service())));
        var directory = Path.Combine(cluster.Directory, request.Manifests[0]);
        var version = cluster.Emulator.State.ResourceVersion;

        var (code, output, error) = await new Kubectl(cluster).RunAsync("apply", "--server-side", "--validate=false", "--dry-run=server", "-f", directory);

        Assert.True(code == 0, error);
        Assert.Equal(
            ["configmap/web-config serverside-applied (server dry run)", "deployment.apps/web serverside-applied (server dry run)", "service/web serverside-applied (server dry run)"],
            output.Trim().Split('\n'));
        Assert.Equal(version, cluster.Emulator.State.ResourceVersion);
        Assert.All(cluster.Emulator.Requests.Where(r => r.Method == "PATCH"), r => Assert.Equal(("All", "application/apply-patch+yaml"), (r.Parameter("dryRun"), r.ContentType)));
    }

    [KubectlFact]
    public async Task Kubectl_reads_the_conflict_status_as_it_reads_the_api_server_s_and_Deploy_names_kubectl_as_the_owner()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        var kubectl = new Kubectl(cluster);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, ("app.yaml", Yaml.Deployment())));
        var scaled = Path.Combine(cluster.Directory, "scaled.yaml");
        File.WriteAllText(scaled, Yaml.Deployment(image: EmulatedCluster.V1, replicas: 3));

        var refused = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", scaled, "-n", "apps");
        var forced = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "--force-conflicts", "-f", scaled, "-n", "apps");
        var failure = await cluster.FailAsync(cluster.Apply(EmulatedCluster.V1, ("app.yaml", Yaml.Deployment())) with { Commit = "def5678" });

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("error: Apply failed with 1 conflict: conflict with \"deploy\": .spec.replicas\nPlease review the fields above--they currently have other managers.", refused.Error, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Contains(".spec.replicas (managed by \"kubectl\")", failure.Message, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task Kubectl_rollout_status_ends_with_the_message_Deploy_ended_with_for_each_kind()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, ("app.yaml", Yaml.Documents(Yaml.Deployment(), Yaml.StatefulSet(), Yaml.DaemonSet()))));
        var kubectl = new Kubectl(cluster);

        foreach (var workload in new[] { "deployment/web", "statefulset/db", "daemonset/agent" })
        {
            var (code, output, error) = await kubectl.RunAsync("rollout", "status", workload, "-n", "apps", "--timeout", "60s");

            Assert.True(code == 0, error);
            var ours = cluster.Log.Information.Last(s => s.StartsWith(workload + ": ", StringComparison.Ordinal))[(workload.Length + 2)..];
            Assert.Equal(ours, output.Trim().Split('\n')[^1]);
        }
    }

    [KubectlFact]
    public async Task Kubectl_rollout_undo_reads_the_statefulset_history_the_emulator_keeps()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, ("db.yaml", Yaml.StatefulSet())));
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, ("db.yaml", Yaml.StatefulSet())) with { Commit = "def5678" });
        var kubectl = new Kubectl(cluster);

        var history = await kubectl.RunAsync("rollout", "history", "statefulset/db", "-n", "apps");
        var undo = await kubectl.RunAsync("rollout", "undo", "statefulset/db", "-n", "apps");
        var status = await kubectl.RunAsync("rollout", "status", "statefulset/db", "-n", "apps", "--timeout", "60s");

        Assert.Equal(["REVISION  CHANGE-CAUSE", "1         <none>", "2         <none>"], history.Output.Trim().Split('\n').Skip(1));
        Assert.True(undo.ExitCode == 0 && status.ExitCode == 0, undo.Error + status.Error);
        var set = cluster.Emulator.State.Get("statefulsets", "apps", "db")!;
        Assert.Equal(EmulatedCluster.V1, (string?)set["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal("partitioned roll out complete: 2 new pods have been updated...", status.Output.Trim().Split('\n')[^1]);
    }
}
