using Deploy.Kubernetes.Tests.Emulator;
using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>A rollout of manifests that fails: every workload that existed goes back, what was created stays unless asked.</summary>
public sealed class ApplyFailureTests
{
    private static (string, string)[] WebAndDb() =>
        [("app.yaml", Yaml.Documents(Yaml.ConfigMap(), Yaml.Deployment(), Yaml.StatefulSet()))];

    [Fact]
    public async Task A_statefulset_and_a_deployment_rolled_out_together_one_failing_both_go_back_to_their_previous_revisions()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, WebAndDb()));
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.CrashLoop, workload: "db");

        var failure = await cluster.FailAsync(cluster.Apply(EmulatedCluster.V2, WebAndDb()) with { Commit = "def5678" });

        Assert.StartsWith($"The rollout of {EmulatedCluster.V2} failed: pod \"db-1\" container \"db\" is waiting: CrashLoopBackOff", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            """
            Every workload that existed before was rolled back. Where each object is now:
            - ConfigMap apps/web-config: configured by this run and left so: only workloads have revisions to go back to
            - Deployment apps/web: rolled back to revision 1 (now revision 3)
            - StatefulSet apps/db: rolled back to revision 1 (now revision 3)
            """.ReplaceLineEndings(Environment.NewLine).TrimEnd(),
            failure.Message);
        Assert.True(failure.RolledBack);
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
        var set = cluster.Emulator.State.Get("statefulsets", "apps", "db")!;
        Assert.Equal(EmulatedCluster.V1, (string?)set["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal((string?)set["status"]!["updateRevision"], (string?)set["status"]!["currentRevision"]);
        Assert.All(cluster.Emulator.State.List("pods", "apps", p => Objects.Name(p).StartsWith("db-", StringComparison.Ordinal)), p => Assert.Equal(EmulatedCluster.V1, (string?)p["spec"]!["containers"]![0]!["image"]));
        Assert.Contains(cluster.Log.Lines, l => l.StartsWith("WRN Deleting pod db-1 of the failed revision", StringComparison.Ordinal));
        Assert.Equal([1L, 1L], failure.Result!.Applied.Where(a => a.RevisionBefore is not null).Select(a => a.RevisionBefore));
    }

    [Fact]
    public async Task A_failed_first_deploy_leaves_what_it_created_in_place_and_lists_it()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.ImagePullError);

        var failure = await cluster.FailAsync(cluster.Apply(EmulatedCluster.V2, WebAndDb()));

        Assert.Matches("is waiting: (ErrImagePull|ImagePullBackOff)", failure.Message);
        Assert.Contains("No workload that existed before had changed, so none was rolled back.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("- Deployment apps/web: created by this run and left in place (--delete-created-on-failure deletes what a failed run created)", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.RolledBack);
        Assert.NotNull(cluster.Emulator.State.Get("deployments", "apps", "web"));
        Assert.NotNull(cluster.Emulator.State.Get("configmaps", "apps", "web-config"));
        Assert.DoesNotContain(cluster.Emulator.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task With_delete_created_on_failure_the_objects_a_failed_run_created_are_deleted_and_the_rest_rolled_back()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, [("app.yaml", Yaml.Documents(Yaml.Deployment()))]));
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.ExitsNonZero);

        var failure = await cluster.FailAsync(cluster.Apply(EmulatedCluster.V2, [("app.yaml", Yaml.Documents(Yaml.Deployment(), Yaml.Service(), Yaml.ConfigMap()))]) with { DeleteCreatedOnFailure = true });

        Assert.Contains("- Service apps/web: deleted: this run had created it", failure.Message, StringComparison.Ordinal);
        Assert.Contains("- ConfigMap apps/web-config: deleted: this run had created it", failure.Message, StringComparison.Ordinal);
        Assert.Contains("- Deployment apps/web: rolled back to revision 1 (now revision 3)", failure.Message, StringComparison.Ordinal);
        Assert.Null(cluster.Emulator.State.Get("services", "apps", "web"));
        Assert.Null(cluster.Emulator.State.Get("configmaps", "apps", "web-config"));
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
        Assert.Equal(2, cluster.Emulator.Requests.Count(r => r.Method == "DELETE" && r.Parameter("propagationPolicy") == "Background"));
    }

    [Fact]
    public async Task A_daemonset_whose_new_pods_crash_is_rolled_back_and_its_nodes_run_the_old_pods_again()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, [("agent.yaml", Yaml.DaemonSet())]));
        Assert.Equal("daemon set \"agent\" successfully rolled out", cluster.Log.Information[^1]);
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.CrashLoop);

        var failure = await cluster.FailAsync(cluster.Apply(EmulatedCluster.V2, [("agent.yaml", Yaml.DaemonSet())]));

        Assert.Matches("failed: pod \"agent-[0-9]+\" container \"agent\" is waiting: CrashLoopBackOff", failure.Message);
        Assert.Contains("- DaemonSet apps/agent: rolled back to revision 1 (now revision 3)", failure.Message, StringComparison.Ordinal);
        var pods = cluster.Emulator.State.List("pods", "apps", p => Objects.Name(p).StartsWith("agent-", StringComparison.Ordinal));
        Assert.Equal(["node-1", "node-2"], pods.Select(p => (string?)p["spec"]!["nodeName"]).Order());
        Assert.All(pods, p => Assert.Equal(EmulatedCluster.V1, (string?)p["spec"]!["containers"]![0]!["image"]));
    }

    [Fact]
    public async Task With_rollback_off_nothing_is_undone_and_the_error_says_how_to_go_back_per_workload()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, WebAndDb()));
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.ImagePullError, workload: "web");

        var failure = await cluster.FailAsync(cluster.Apply(EmulatedCluster.V2, WebAndDb()) with { Rollback = false, Commit = "def5678" });

        Assert.Contains("Nothing was rolled back (rollback is off).", failure.Message, StringComparison.Ordinal);
        Assert.Contains("- Deployment apps/web: left as applied (to go back: kubectl rollout undo deployment/web -n apps)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(EmulatedCluster.V2, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task A_workload_that_outlasts_the_one_deadline_fails_the_rollout_naming_what_it_waited_for()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, WebAndDb()));
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.NeverReady, workload: "db");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var seen = cluster.Log.Information.Count;
        var run = cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, WebAndDb()) with { TimeProvider = time, Commit = "def5678" });
        await Poll.UntilAsync(
            () => cluster.Log.Information.Skip(seen).ToList() is var now && now.Contains("deployment/web: deployment \"web\" successfully rolled out") && now.Contains("statefulset/db: Waiting for 1 pods to be ready...") || run.IsCompleted,
            TimeSpan.FromSeconds(30),
            "the statefulset to get stuck");
        Assert.False(run.IsCompleted, cluster.Log.ToString());
        time.Advance(TimeSpan.FromMinutes(1));
        var failure = await Assert.ThrowsAsync<KubernetesRolloutException>(() => run);

        Assert.StartsWith($"The rollout of {EmulatedCluster.V2} failed: statefulset \"db\" did not finish rolling out within 1 min (last status: Waiting for 1 pods to be ready...).", failure.Message, StringComparison.Ordinal);
        Assert.Contains("- StatefulSet apps/db: rolled back to revision 1 (now revision 3)", failure.Message, StringComparison.Ordinal);
    }
}
