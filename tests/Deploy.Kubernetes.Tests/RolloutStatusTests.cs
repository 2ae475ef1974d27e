using Deploy.Kubernetes.Rollout;
using k8s.Models;

namespace Deploy.Kubernetes.Tests;

/// <summary>kubectl rollout status's rules, in order, and its exact words.</summary>
public sealed class RolloutStatusTests
{
    private static V1Deployment Deployment(long generation = 2, long observed = 2, int replicas = 3, int updated = 3, int total = 3, int available = 3, string? progressing = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", Generation = generation },
        Spec = new V1DeploymentSpec { Replicas = replicas },
        Status = new V1DeploymentStatus
        {
            ObservedGeneration = observed,
            UpdatedReplicas = updated,
            Replicas = total,
            AvailableReplicas = available,
            Conditions = progressing is null ? null : [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = progressing }],
        },
    };

    [Fact]
    public void An_unobserved_generation_waits_even_when_the_old_status_looks_complete() =>
        Assert.Equal(new RolloutStatus("Waiting for deployment spec update to be observed...", false, false), RolloutStatus.Of(Deployment(generation: 3, observed: 2)));

    [Fact]
    public void A_progress_deadline_exceeded_condition_is_a_failure_before_any_counting() =>
        Assert.Equal(new RolloutStatus("deployment \"web\" exceeded its progress deadline", false, true), RolloutStatus.Of(Deployment(updated: 1, progressing: "ProgressDeadlineExceeded")));

    [Fact]
    public void Fewer_updated_than_wanted_replicas_wait_for_updates() =>
        Assert.Equal("Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...", RolloutStatus.Of(Deployment(updated: 1, total: 4)).Message);

    [Fact]
    public void More_replicas_than_updated_ones_wait_for_old_ones_to_terminate() =>
        Assert.Equal("Waiting for deployment \"web\" rollout to finish: 2 old replicas are pending termination...", RolloutStatus.Of(Deployment(total: 5)).Message);

    [Fact]
    public void Fewer_available_than_updated_replicas_wait_for_availability() =>
        Assert.Equal("Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...", RolloutStatus.Of(Deployment(available: 2)).Message);

    [Fact]
    public void All_updated_and_available_is_done() =>
        Assert.Equal(new RolloutStatus("deployment \"web\" successfully rolled out", true, false), RolloutStatus.Of(Deployment()));

    [Fact]
    public void Other_progressing_reasons_do_not_fail_the_rollout() =>
        Assert.False(RolloutStatus.Of(Deployment(progressing: "ReplicaSetUpdated")).Failed);
}
