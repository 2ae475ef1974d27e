using Deploy.Kubernetes.Tests.Support;
using k8s;
using k8s.Models;

namespace Deploy.Kubernetes.Tests;

/// <summary>The same rollout against the cluster KUBECONFIG points at (namespace: DEPLOY_TEST_NAMESPACE, else "default").</summary>
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
            var log = new LogLines();

            var result = await KubernetesRollout.RunAsync(
                new KubernetesRolloutRequest { Deployment = name, Namespace = @namespace, Image = "registry.k8s.io/pause:3.10", ChangeCause = "deploy: real cluster test", Timeout = TimeSpan.FromMinutes(5) },
                log.Logger);

            Assert.Equal((1L, 2L, false), (result.RevisionBefore, result.RevisionAfter, result.RolledBack));
            Assert.Equal($"deployment \"{name}\" successfully rolled out", log.Statuses[^1]);
        }
        finally
        {
            await client.AppsV1.DeleteNamespacedDeploymentAsync(name, @namespace);
        }
    }
}
