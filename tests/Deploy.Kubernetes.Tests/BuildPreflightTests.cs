using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>KubernetesPreflight: what a build checks as it starts, before anything is compiled; it never changes the cluster.</summary>
public sealed class BuildPreflightTests
{
    [Fact]
    public async Task A_usable_context_with_the_deployment_passes_and_nothing_is_patched()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        await KubernetesPreflight.CheckAsync(cluster.Request(image: ""));

        Assert.Equal(0, cluster.Emulator.Patches);
    }

    [Fact]
    public async Task A_missing_deployment_fails_with_the_rollout_s_own_message()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        var preflight = await Assert.ThrowsAsync<KubernetesRolloutException>(() => KubernetesPreflight.CheckAsync(cluster.Request() with { Deployment = "api" }));
        var rollout = await cluster.FailAsync(cluster.Request() with { Deployment = "api" });

        Assert.Equal(rollout.Message, preflight.Message);
        Assert.Equal(0, cluster.Emulator.Patches);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_named()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var nobody = Path.Combine(cluster.Directory, "nobody.kubeconfig");
        File.WriteAllText(nobody, File.ReadAllText(cluster.Kubeconfig).Replace(cluster.Emulator.Url.ToString().TrimEnd('/'), url, StringComparison.Ordinal));

        var failure = await Assert.ThrowsAsync<KubernetesRolloutException>(() => KubernetesPreflight.CheckAsync(cluster.Request() with { Kubeconfig = nobody }));

        Assert.Contains("was not reachable", failure.Message, StringComparison.Ordinal);
        Assert.Contains(url, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KUBECONFIG_is_read_from_the_request_s_environment_not_the_process_s()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        await KubernetesPreflight.CheckAsync(cluster.Request() with
        {
            Kubeconfig = null,
            EnvironmentVariables = new Dictionary<string, string> { ["KUBECONFIG"] = cluster.Kubeconfig },
        });

        var missing = await Assert.ThrowsAsync<KubernetesRolloutException>(() => KubernetesPreflight.CheckAsync(cluster.Request() with
        {
            Kubeconfig = null,
            EnvironmentVariables = new Dictionary<string, string> { ["KUBECONFIG"] = Path.Combine(cluster.Directory, "nope") },
        }));
        Assert.Contains("KUBECONFIG is", missing.Message, StringComparison.Ordinal);
    }
}
