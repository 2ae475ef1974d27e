using Deploy.Kubernetes.Tests.Emulator;
using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

public sealed class RolloutFailureTests
{
    [Fact]
    public async Task A_rollout_past_its_progress_deadline_is_rolled_back_to_the_previous_revision()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.NeverReady);
        cluster.Emulator.Controller.DeadlineWhenStuck = true;

        var failure = await cluster.FailAsync(cluster.Request());

        Assert.Equal(
            $"The rollout of {EmulatedCluster.V2} to deployment \"web\" in namespace \"apps\" failed: deployment \"web\" exceeded its progress deadline. "
            + "Rolled back to revision 1 (now revision 3): the deployment runs what it ran before.",
            failure.Message);
        Assert.Equal(new KubernetesRolloutResult
        {
            Namespace = "apps",
            Deployment = "web",
            Container = "web",
            Reference = EmulatedCluster.V2,
            RevisionBefore = 1,
            RevisionAfter = 3,
            RolledBack = true,
        }, failure.Result);
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
        var rollback = cluster.Emulator.Requests.Where(r => r.Method == "PATCH").Last();
        Assert.StartsWith("application/json-patch+json", rollback.ContentType, StringComparison.Ordinal);
        Assert.Contains("deployment \"web\" successfully rolled out", cluster.Log.Information);
    }

    [Fact]
    public async Task A_new_pod_that_cannot_pull_its_image_fails_the_rollout_at_once_naming_pod_container_and_reason()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.ImagePullError);

        var failure = await cluster.FailAsync(cluster.Request());

        Assert.Matches(
            "failed: pod \"web-[0-9a-f]{10}-[0-9]+\" container \"web\" is waiting: (ErrImagePull|ImagePullBackOff): .*pull.*image \"registry.example/web@sha256:2{64}\".*Rolled back to revision 1",
            failure.Message);
        Assert.True(failure.RolledBack);
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
        Assert.DoesNotContain("progress deadline", failure.Message, StringComparison.Ordinal);
        Assert.Contains(cluster.Emulator.Requests, r => r.Path == "/api/v1/namespaces/apps/pods" && r.Query.Contains("labelSelector=app%3Dweb%2Cpod-template-hash%3D", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_pod_in_a_crash_loop_fails_the_rollout_with_its_last_exit_code_and_is_rolled_back()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.CrashLoop);

        var failure = await cluster.FailAsync(cluster.Request());

        Assert.Matches("container \"web\" is waiting: CrashLoopBackOff: back-off 10s restarting failed container=web pod=web-[^ ]+ \\(last exit code 1, Error\\)", failure.Message);
        Assert.Equal(3, failure.Result!.RevisionAfter);
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task A_new_container_that_exits_non_zero_fails_the_rollout()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.ExitsNonZero);

        var failure = await cluster.FailAsync(cluster.Request());

        Assert.Contains("container \"web\" terminated with exit code 3: Error - listen tcp :80: bind: permission denied", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.RolledBack);
    }

    [Fact]
    public async Task With_rollback_off_a_failed_rollout_is_left_as_it_is_and_the_error_says_how_to_undo_it()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.ImagePullError);

        var failure = await cluster.FailAsync(cluster.Request() with { Rollback = false });

        Assert.EndsWith(
            "It was not rolled back (rollback is off): the deployment stays at revision 2; to go back, run kubectl rollout undo deployment/web -n apps.",
            failure.Message,
            StringComparison.Ordinal);
        Assert.False(failure.RolledBack);
        Assert.Equal(1, cluster.Emulator.Patches);
        Assert.Equal(EmulatedCluster.V2, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task The_rollback_is_skipped_when_the_template_already_equals_the_previous_revision()
    {
        // Someone already rolled the broken image out (revision 2, crash-looping); deploying it again changes no
        // template, so "the revision before" is that same template and undoing would change nothing.
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.CrashLoop);
        cluster.Emulator.Roll("web", EmulatedCluster.V2);

        var failure = await cluster.FailAsync(cluster.Request());

        Assert.Contains("CrashLoopBackOff", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("Rollback skipped: the deployment's template already matches revision 2, so there was nothing to undo.", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, failure.Result!.RevisionBefore);
        Assert.False(failure.RolledBack);
        Assert.Equal(1, cluster.Emulator.Patches);
    }
}
