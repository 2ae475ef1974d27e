using Deploy.Kubernetes.Rollout;
using k8s.Models;

namespace Deploy.Kubernetes.Tests;

/// <summary>kubectl rollout status's rules for StatefulSets and DaemonSets, in order, and its exact words.</summary>
public sealed class WorkloadStatusTests
{
    private static V1StatefulSet Set(long generation = 2, long observed = 2, int replicas = 3, int ready = 3, int updated = 3, int? partition = 0, string current = "db-1", string update = "db-1") => new()
    {
        Metadata = new V1ObjectMeta { Name = "db", Generation = generation },
        Spec = new V1StatefulSetSpec
        {
            Replicas = replicas,
            UpdateStrategy = new V1StatefulSetUpdateStrategy { Type = "RollingUpdate", RollingUpdate = partition is null ? null : new V1RollingUpdateStatefulSetStrategy { Partition = partition } },
        },
        Status = new V1StatefulSetStatus { ObservedGeneration = observed, ReadyReplicas = ready, UpdatedReplicas = updated, CurrentReplicas = 3, Replicas = replicas, CurrentRevision = current, UpdateRevision = update },
    };

    private static V1DaemonSet Daemon(long generation = 2, long observed = 2, int desired = 2, int updated = 2, int available = 2, string type = "RollingUpdate") => new()
    {
        Metadata = new V1ObjectMeta { Name = "agent", Generation = generation },
        Spec = new V1DaemonSetSpec { UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = type } },
        Status = new V1DaemonSetStatus { ObservedGeneration = observed, DesiredNumberScheduled = desired, UpdatedNumberScheduled = updated, NumberAvailable = available, CurrentNumberScheduled = desired, NumberMisscheduled = 0, NumberReady = available },
    };

    [Theory]
    [InlineData(3, 2, "Waiting for statefulset spec update to be observed...")]
    [InlineData(1, 0, "Waiting for statefulset spec update to be observed...")]
    public void An_unobserved_statefulset_waits(long generation, long observed, string message) =>
        Assert.Equal(new RolloutStatus(message, false, false), StatefulSetStatus.Of(Set(generation, observed)));

    [Fact]
    public void A_statefulset_waits_for_ready_pods_first() =>
        Assert.Equal("Waiting for 2 pods to be ready...", StatefulSetStatus.Of(Set(ready: 1, updated: 0)).Message);

    [Fact]
    public void A_statefulset_with_a_partition_waits_for_the_pods_above_it() =>
        Assert.Equal("Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...", StatefulSetStatus.Of(Set(updated: 1, partition: 1)).Message);

    [Fact]
    public void A_defaulted_partition_of_zero_completes_in_kubectl_s_words() =>
        Assert.Equal(new RolloutStatus("partitioned roll out complete: 3 new pods have been updated...", true, false), StatefulSetStatus.Of(Set()));

    [Fact]
    public void Without_rolling_update_settings_the_revisions_decide() =>
        Assert.Equal(
            ("waiting for statefulset rolling update to complete 1 pods at revision db-2...", "statefulset rolling update complete 3 pods at revision db-2..."),
            (StatefulSetStatus.Of(Set(updated: 1, partition: null, update: "db-2")).Message, StatefulSetStatus.Of(Set(partition: null, current: "db-2", update: "db-2")).Message));

    [Fact]
    public void A_daemonset_waits_for_observation_then_updated_then_available_pods() =>
        Assert.Equal(
            [
                "Waiting for daemon set spec update to be observed...",
                "Waiting for daemon set \"agent\" rollout to finish: 1 out of 2 new pods have been updated...",
                "Waiting for daemon set \"agent\" rollout to finish: 1 of 2 updated pods are available...",
                "daemon set \"agent\" successfully rolled out",
            ],
            [DaemonSetStatus.Of(Daemon(generation: 3)).Message, DaemonSetStatus.Of(Daemon(updated: 1)).Message, DaemonSetStatus.Of(Daemon(available: 1)).Message, DaemonSetStatus.Of(Daemon()).Message]);

    [Fact]
    public void An_on_delete_daemonset_has_no_rollout_to_wait_for() =>
        Assert.True(DaemonSetStatus.Of(Daemon(type: "OnDelete", updated: 0)).Done);
}
