using Deploy.Kubernetes.Rollout;
using k8s.Models;

namespace Deploy.Kubernetes.Tests;

public sealed class PodProblemsTests
{
    private static V1Pod Pod(V1ContainerState state, bool init = false, bool deleting = false)
    {
        var status = new V1ContainerStatus { Name = "web", State = state, Image = "x", ImageID = "x", Ready = false, RestartCount = 0 };
        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web-abc-1", DeletionTimestamp = deleting ? DateTime.UnixEpoch : null },
            Status = new V1PodStatus { ContainerStatuses = init ? null : [status], InitContainerStatuses = init ? [status] : null },
        };
    }

    [Theory]
    [InlineData("ErrImagePull")]
    [InlineData("ImagePullBackOff")]
    [InlineData("CrashLoopBackOff")]
    [InlineData("CreateContainerConfigError")]
    public void A_container_waiting_for_a_reason_that_will_not_pass_is_a_problem(string reason) =>
        Assert.Equal(
            $"pod \"web-abc-1\" container \"web\" is waiting: {reason}: it went wrong",
            PodProblems.Find(Pod(new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = "it went wrong" } })));

    [Fact]
    public void A_container_still_being_created_is_no_problem() =>
        Assert.Null(PodProblems.Find(Pod(new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } })));

    [Theory]
    [InlineData(0, "Completed", null)]
    [InlineData(137, "OOMKilled", "pod \"web-abc-1\" container \"web\" terminated with exit code 137: OOMKilled")]
    public void A_container_that_exited_non_zero_is_a_problem_and_zero_is_not(int code, string reason, string? problem) =>
        Assert.Equal(problem, PodProblems.Find(Pod(new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = code, Reason = reason } })));

    [Fact]
    public void An_init_container_s_problem_counts_too() =>
        Assert.NotNull(PodProblems.Find(Pod(new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ErrImagePull" } }, init: true)));

    [Fact]
    public void A_pod_that_is_being_deleted_is_not_judged() =>
        Assert.Null(PodProblems.Find(Pod(new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } }, deleting: true)));
}
