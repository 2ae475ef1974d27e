using Deploy.Kubernetes.Tests.Support;
using k8s;
using k8s.Models;

namespace Deploy.Kubernetes.Tests;

/// <summary>The same rollouts (set image, and apply) against the cluster KUBECONFIG points at (namespace: DEPLOY_TEST_NAMESPACE, else "default").</summary>
public sealed class RealClusterTests
{
    [RealClusterFact]
    public async Task A_real_cluster_rolls_a_new_image_out_and_reports_both_revisions()
    {
        var @namespace = Environment.GetEnvironmentVariable("DEPLOY_TEST_NAMESPACE") ?? "default";
        var name = $"deploy-test-{Guid.NewGuid():N}"[..24];
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig());
        var labels = new Dictionary<string, string> { ["app"] = name };
        await client.AppsV1.CreateNamespacedDeploymentAsync(
            new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = name },
                Spec = new V1DeploymentSpec
                {
                    Replicas = 1,
                    Selector = new V1LabelSelector { MatchLabels = labels },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = labels },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "pause", Image = "registry.k8s.io/pause:3.9" }] },
                    },
                },
            },
            @namespace);
        try
        {
            await Poll.UntilAsync(
                async () => (await client.AppsV1.ReadNamespacedDeploymentAsync(name, @namespace)).Status?.AvailableReplicas == 1,
                TimeSpan.FromMinutes(3),
                $"deployment {name} to become available");
            var log = new CapturedLog();

            var result = await KubernetesRollout.RunAsync(
                new KubernetesRolloutRequest { Deployment = name, Namespace = @namespace, Image = "registry.k8s.io/pause:3.10", ChangeCause = "deploy: real cluster test", Timeout = TimeSpan.FromMinutes(5), TimeProvider = TimeProvider.System, EnvironmentVariables = TestEnvironment.Variables },
                log.Logger);

            Assert.Equal((1L, 2L, false), (result.RevisionBefore, result.RevisionAfter, result.RolledBack));
            Assert.Equal($"deployment \"{name}\" successfully rolled out", log.Information[^1]);
        }
        finally
        {
            await client.AppsV1.DeleteNamespacedDeploymentAsync(name, @namespace);
        }
    }

    [RealClusterFact]
    public async Task A_real_cluster_takes_the_manifests_dry_run_first_then_applied_and_rolled_out()
    {
        var @namespace = Environment.GetEnvironmentVariable("DEPLOY_TEST_NAMESPACE") ?? "default";
        var name = $"deploy-test-{Guid.NewGuid():N}"[..24];
        var directory = Directory.CreateTempSubdirectory("deploy-real-").FullName;
        File.WriteAllText(Path.Combine(directory, "app.yaml"), Yaml.Documents(
            Yaml.ConfigMap($"{name}-config"),
            Yaml.Deployment(name, image: "registry.k8s.io/pause:3.9", replicas: 1),
            Yaml.Service(name),
            Yaml.StatefulSet($"{name}-db", image: "registry.k8s.io/pause:3.9", replicas: 1)));
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig());
        var request = new KubernetesRolloutRequest
        {
            Namespace = @namespace,
            Image = "registry.k8s.io/pause:3.10",
            Manifests = [directory],
            Commit = "realclustertest",
            Timeout = TimeSpan.FromMinutes(5),
            TimeProvider = TimeProvider.System,
            EnvironmentVariables = TestEnvironment.Variables,
        };
        try
        {
            var dry = await KubernetesRollout.RunAsync(request with { DryRun = true }, new CapturedLog().Logger);
            var log = new CapturedLog();
            var result = await KubernetesRollout.RunAsync(request, log.Logger);

            Assert.All(dry.Applied, a => Assert.Equal(AppliedChange.Created, a.Change));
            Assert.Empty((await client.AppsV1.ListNamespacedDeploymentAsync(@namespace, fieldSelector: $"metadata.name={name}")).Items);
            Assert.Equal(4, result.Applied.Count);
            Assert.Equal($"deployment/{name}: deployment \"{name}\" successfully rolled out", log.Information.Single(s => s.StartsWith($"deployment/{name}: deployment", StringComparison.Ordinal)));
            var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, @namespace);
            Assert.Equal("registry.k8s.io/pause:3.10", deployment.Spec.Template.Spec.Containers[0].Image);
            Assert.Equal("deploy", deployment.Metadata.Labels["app.kubernetes.io/managed-by"]);
        }
        finally
        {
            // Whatever the test got to create; a 404 for what it did not is no failure of its own.
            foreach (var delete in new Func<Task>[]
            {
                () => client.AppsV1.DeleteNamespacedDeploymentAsync(name, @namespace),
                () => client.AppsV1.DeleteNamespacedStatefulSetAsync($"{name}-db", @namespace),
                () => client.CoreV1.DeleteNamespacedServiceAsync(name, @namespace),
                () => client.CoreV1.DeleteNamespacedConfigMapAsync($"{name}-config", @namespace),
            })
            {
                try
                {
                    await delete();
                }
                catch (k8s.Autorest.HttpOperationException exception) when (exception.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                }
            }

            Directory.Delete(directory, recursive: true);
        }
    }
}
