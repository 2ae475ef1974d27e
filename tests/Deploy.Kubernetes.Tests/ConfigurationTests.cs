using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>Finding the cluster: kubeconfig file, KUBECONFIG, ~/.kube/config, contexts and their namespaces; each problem one sentence.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task A_kubeconfig_path_that_does_not_exist_is_a_clear_error()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var missing = Path.Combine(cluster.Directory, "nope", "config");

        var failure = await cluster.FailAsync(cluster.Request() with { Kubeconfig = missing });

        Assert.Equal(
            $"The kubeconfig file \"{missing}\" does not exist: give an existing kubeconfig, or leave it out to use KUBECONFIG or ~/.kube/config.",
            failure.Message);
        Assert.Empty(cluster.Emulator.Requests);
    }

    [Fact]
    public async Task An_unknown_context_is_a_clear_error_listing_the_contexts_there_are()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        var failure = await cluster.FailAsync(cluster.Request() with { KubeContext = "staging" });

        Assert.Equal(
            $"The context \"staging\" is not in the kubeconfig \"{cluster.Kubeconfig}\" (available: \"emulator\", \"elsewhere\"): pass --kube-context with one of them.",
            failure.Message);
        Assert.Empty(cluster.Emulator.Requests);
    }

    [Fact]
    public async Task A_kubeconfig_that_is_not_yaml_is_a_clear_error()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var broken = Path.Combine(cluster.Directory, "broken");
        await File.WriteAllTextAsync(broken, "clusters: [ {{ this is not yaml");

        var failure = await cluster.FailAsync(cluster.Request() with { Kubeconfig = broken });

        Assert.StartsWith($"The kubeconfig \"{broken}\" could not be read: ", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("Fix the file or point KUBECONFIG at a valid one.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_server_that_is_not_there_is_a_clear_error_naming_the_context_and_server()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var port = FreePort.Next();
        var kubeconfig = Path.Combine(cluster.Directory, "closed");
        await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(cluster.Kubeconfig)).Replace(cluster.Emulator.Url.ToString().TrimEnd('/'), $"http://127.0.0.1:{port}", StringComparison.Ordinal));

        var failure = await cluster.FailAsync(cluster.Request() with { Kubeconfig = kubeconfig });

        Assert.Matches(
            $"^Could not read deployment \"web\" in namespace \"apps\": the API server \\(context \"emulator\" at http://127.0.0.1:{port}/?\\) was not reachable \\(.*Connection refused",
            failure.Message);
        Assert.EndsWith("Check the kubeconfig's server address and that the cluster is up.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_kubeconfig_path_the_files_in_KUBECONFIG_are_used()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var missing = Path.Combine(cluster.Directory, "missing");
        var environment = new Dictionary<string, string> { ["KUBECONFIG"] = $"{missing}{Path.PathSeparator}{cluster.Kubeconfig}" };

        var result = await KubernetesRollout.RunAsync(cluster.Request() with { Kubeconfig = null }, cluster.Log.Logger, environment.GetValueOrDefault, default);

        Assert.Equal(2, result.RevisionAfter);
    }

    [Fact]
    public async Task KUBECONFIG_naming_no_existing_file_is_a_clear_error()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var missing = Path.Combine(cluster.Directory, "missing");
        var environment = new Dictionary<string, string> { ["KUBECONFIG"] = missing };

        var failure = await Assert.ThrowsAsync<KubernetesRolloutException>(() =>
            KubernetesRollout.RunAsync(cluster.Request() with { Kubeconfig = null }, cluster.Log.Logger, environment.GetValueOrDefault, default));

        Assert.Equal($"KUBECONFIG is \"{missing}\", but no such file exists: point it at a kubeconfig file, or unset it to use ~/.kube/config.", failure.Message);
    }

    [Fact]
    public async Task Without_any_configuration_the_error_says_where_one_is_looked_for()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var environment = new Dictionary<string, string> { ["HOME"] = cluster.Directory };

        var failure = await Assert.ThrowsAsync<KubernetesRolloutException>(() =>
            KubernetesRollout.RunAsync(cluster.Request() with { Kubeconfig = null }, cluster.Log.Logger, environment.GetValueOrDefault, default));

        Assert.Equal(
            "No Kubernetes configuration was found: set KUBECONFIG to a kubeconfig file, create ~/.kube/config, or run inside a cluster (KUBERNETES_SERVICE_HOST).",
            failure.Message);
    }

    [Fact]
    public async Task The_kube_config_in_the_home_directory_is_the_fallback()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        Directory.CreateDirectory(Path.Combine(cluster.Directory, ".kube"));
        File.Copy(cluster.Kubeconfig, Path.Combine(cluster.Directory, ".kube", "config"));
        var environment = new Dictionary<string, string> { ["HOME"] = cluster.Directory };

        var result = await KubernetesRollout.RunAsync(cluster.Request() with { Kubeconfig = null }, cluster.Log.Logger, environment.GetValueOrDefault, default);

        Assert.Equal(2, result.RevisionAfter);
    }

    [Fact]
    public async Task A_context_without_a_namespace_works_in_the_default_namespace()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        cluster.Emulator.AddDeployment("web", EmulatedCluster.V1, replicas: 1, @namespace: "default");
        var kubeconfig = Path.Combine(cluster.Directory, "plain");
        Directory.CreateDirectory(kubeconfig);

        var result = await cluster.RunAsync(cluster.Request() with { Kubeconfig = cluster.Emulator.WriteKubeconfig(kubeconfig, @namespace: null) });

        Assert.Equal(("default", 2L), (result.Namespace, result.RevisionAfter));
    }
}
