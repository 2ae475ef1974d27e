using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>What must hold before anything is changed: otherwise one clear error, and no PATCH reaches the API server.</summary>
public sealed class PreflightTests
{
    [Fact]
    public async Task A_missing_deployment_is_one_clear_error_and_nothing_is_patched()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        var failure = await cluster.FailAsync(cluster.Request() with { Deployment = "api" });

        Assert.Equal(
            $"Deployment \"api\" was not found in namespace \"apps\" (context \"emulator\" at {cluster.Emulator.Url.ToString().TrimEnd('/')}): check --deployment and --namespace (default: the context's namespace), and that the Deployment was created.",
            failure.Message);
        Assert.Null(failure.Result);
        Assert.Equal(0, cluster.Emulator.Patches);
    }

    [Fact]
    public async Task A_deployment_in_another_namespace_than_the_context_s_is_found_with_the_namespace_given()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        cluster.Emulator.AddDeployment("worker", EmulatedCluster.V1, replicas: 1, @namespace: "jobs");

        var missing = await cluster.FailAsync(cluster.Request() with { Deployment = "worker" });
        var result = await cluster.RunAsync(cluster.Request() with { Deployment = "worker", Namespace = "jobs" });

        Assert.Contains("namespace \"apps\"", missing.Message, StringComparison.Ordinal);
        Assert.Equal(("jobs", 1L, 2L), (result.Namespace, result.RevisionBefore, result.RevisionAfter));
    }

    [Fact]
    public async Task A_missing_container_is_one_clear_error_listing_the_containers_and_nothing_is_patched()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        cluster.Emulator.AddDeployment("web", EmulatedCluster.V1, more: ("sidecar", "registry.example/proxy:1.0"));

        var failure = await cluster.FailAsync(cluster.Request() with { Container = "app" });

        Assert.Equal(
            "Deployment \"web\" in namespace \"apps\" has no container \"app\" (its containers: \"web\", \"sidecar\"): pass --container with one of them.",
            failure.Message);
        Assert.Equal(0, cluster.Emulator.Patches);
    }

    [Fact]
    public async Task Several_containers_and_no_container_named_is_an_error_and_nothing_is_patched()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        cluster.Emulator.AddDeployment("web", EmulatedCluster.V1, more: ("sidecar", "registry.example/proxy:1.0"));

        var failure = await cluster.FailAsync(cluster.Request());

        Assert.Equal(
            "Deployment \"web\" in namespace \"apps\" has 2 containers (\"web\", \"sidecar\"): pass --container with the one whose image to set.",
            failure.Message);
        Assert.Equal(0, cluster.Emulator.Patches);
    }

    [Fact]
    public async Task The_named_container_of_several_is_set_and_the_others_are_left_alone()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        cluster.Emulator.AddDeployment("web", EmulatedCluster.V1, more: ("sidecar", "registry.example/proxy:1.0"));

        var result = await cluster.RunAsync(cluster.Request() with { Container = "web" });

        Assert.Equal(2, result.RevisionAfter);
        Assert.Equal(EmulatedCluster.V2, cluster.Emulator.ImageOf("web", "web"));
        Assert.Equal("registry.example/proxy:1.0", cluster.Emulator.ImageOf("web", "sidecar"));
    }

    [Fact]
    public async Task A_paused_deployment_is_one_clear_error_and_nothing_is_patched()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        cluster.Emulator.AddDeployment("web", EmulatedCluster.V1, paused: true);

        var failure = await cluster.FailAsync(cluster.Request());

        Assert.Equal(
            "Deployment \"web\" in namespace \"apps\" is paused, so a new image would not roll out: resume it first (kubectl rollout resume deployment/web -n apps), then run again.",
            failure.Message);
        Assert.Equal(0, cluster.Emulator.Patches);
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task Invalid_parameters_are_reported_together_before_the_cluster_is_contacted()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        var failure = await cluster.FailAsync(cluster.Request("Registry/Web:latest tag") with { Deployment = "Web_App", Timeout = TimeSpan.Zero });

        Assert.Equal(
            [
                "The deployment name \"Web_App\" is not a valid Kubernetes name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters.",
                "The image reference \"Registry/Web:latest tag\" is not valid: expected registry/image@sha256:<64 hex digits> (or registry/image:tag), with a lower-case repository name.",
                "The rollout timeout 00:00:00 is not positive: pass --rollout-timeout with a duration such as 00:10:00.",
            ],
            failure.Message.Split(Environment.NewLine));
        Assert.Empty(cluster.Emulator.Requests);
    }
}
