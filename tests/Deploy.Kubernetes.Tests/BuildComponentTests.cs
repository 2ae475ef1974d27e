using Deploy.Kubernetes.Tests.Emulator;
using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>The parameters of <see cref="IKubernetesRollout"/> as a build reads them from the command line.</summary>
public sealed class BuildComponentTests : IDisposable
{
    private readonly BuildDriver _driver = new();

    [Fact]
    public async Task The_command_line_parameters_pick_namespace_deployment_and_container_and_the_run_record_gets_the_revisions()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        cluster.Emulator.AddDeployment("api", EmulatedCluster.V1, replicas: 1, @namespace: "jobs", more: ("sidecar", "registry.example/proxy:1.0"));

        var result = await _driver.RunAsync(
            new KubernetesBuild { Kubeconfig = cluster.Kubeconfig },
            ["Deploy", "--kube-context", "emulator", "--namespace", "jobs", "--deployment", "api", "--container", "api"]);

        Assert.True(result.ExitCode == 0, result.Everything);
        Assert.Equal(("1", "2", EmulatedCluster.V2), (result.OutputOf("Deploy", "revisionBefore"), result.OutputOf("Deploy", "revisionAfter"), result.OutputOf("Deploy", "reference")));
        Assert.Contains("deployment \"api\" successfully rolled out", result.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_rollback_on_the_command_line_leaves_a_failed_rollout_in_place_and_fails_the_target()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.ImagePullError);

        var result = await _driver.RunAsync(new KubernetesBuild { Kubeconfig = cluster.Kubeconfig }, ["Deploy", "--deployment", "web", "--no-rollback"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("It was not rolled back (rollback is off)", result.ErrorOf("Deploy"), StringComparison.Ordinal);
        Assert.Equal(EmulatedCluster.V2, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task A_missing_deployment_parameter_fails_the_target_with_what_to_pass()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        var result = await _driver.RunAsync(new KubernetesBuild { Kubeconfig = cluster.Kubeconfig }, ["Deploy"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No deployment was given: pass --deployment with the name of the Deployment to update.", result.ErrorOf("Deploy"), StringComparison.Ordinal);
        Assert.Empty(cluster.Emulator.Requests);
    }

    public void Dispose() => _driver.Dispose();
}
