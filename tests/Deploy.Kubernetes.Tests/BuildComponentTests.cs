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

    [Fact]
    public async Task Manifests_relative_to_the_root_are_applied_from_the_command_line_and_the_run_record_lists_every_object()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        Directory.CreateDirectory(Path.Combine(_driver.Root, "deploy"));
        File.WriteAllText(Path.Combine(_driver.Root, "deploy", "app.yaml"), Yaml.Documents(Yaml.Deployment(), Yaml.Service()));

        var dry = await _driver.RunAsync(new KubernetesBuild { Kubeconfig = cluster.Kubeconfig }, ["Deploy", "--manifests", "deploy", "--kube-dry-run"]);
        var applied = await _driver.RunAsync(new KubernetesBuild { Kubeconfig = cluster.Kubeconfig }, ["Deploy", "--manifests", "deploy"]);

        Assert.True(dry.ExitCode == 0, dry.Everything);
        Assert.Contains("deployment.apps/web in apps: created (server dry run)", dry.Everything, StringComparison.Ordinal);
        Assert.True(applied.ExitCode == 0, applied.Everything);
        Assert.Equal("Deployment apps/web created; Service apps/web created", applied.OutputOf("Deploy", "applied"));
        Assert.Equal(EmulatedCluster.V2, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task Force_conflicts_and_delete_created_on_failure_reach_the_request_from_the_command_line()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        Directory.CreateDirectory(Path.Combine(_driver.Root, "deploy"));
        File.WriteAllText(Path.Combine(_driver.Root, "deploy", "app.yaml"), Yaml.Documents(Yaml.Deployment(), Yaml.Service()));
        cluster.Emulator.Controller.SetFate(EmulatedCluster.V2, PodFate.CrashLoop);

        var result = await _driver.RunAsync(new KubernetesBuild { Kubeconfig = cluster.Kubeconfig }, ["Deploy", "--manifests", "deploy", "--force-conflicts", "--delete-created-on-failure"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("- Deployment apps/web: rolled back to revision 1 (now revision 3)", result.ErrorOf("Deploy"), StringComparison.Ordinal);
        Assert.Contains("- Service apps/web: deleted: this run had created it", result.ErrorOf("Deploy"), StringComparison.Ordinal);
    }

    public void Dispose() => _driver.Dispose();
}
