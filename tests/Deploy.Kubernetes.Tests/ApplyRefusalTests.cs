using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>Manifests that cannot be applied: every problem of every object reported at once, and nothing changed.</summary>
public sealed class ApplyRefusalTests
{
    [Fact]
    public async Task A_bad_fifth_document_changes_nothing_and_the_error_names_it_with_the_server_s_reason()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        var broken = Yaml.Deployment("worker", labels: "someone-else");

        var failure = await cluster.FailAsync(cluster.Apply(
            EmulatedCluster.V2,
            ("app.yaml", Yaml.Documents(Yaml.ConfigMap(), Yaml.Deployment(), Yaml.Service(), Yaml.ConfigMap("worker-config"), broken))));

        Assert.Equal(
            [
                "The manifests were not applied: the API server's dry run refused them (1 problem); nothing was changed:",
                "deployment.apps/worker in apps (manifests-1/app.yaml (document 5)) was refused by the API server (422): Deployment.apps \"worker\" is invalid: "
                + "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"someone-else\"}: `selector` does not match template `labels`.",
            ],
            failure.Message.Split(Environment.NewLine));
        Assert.Null(failure.Result);
        Assert.DoesNotContain(cluster.Emulator.Requests, r => r.IsWrite);
        Assert.Empty(cluster.Emulator.State.ListAll("deployments"));
        Assert.Empty(cluster.Emulator.State.ListAll("configmaps"));
    }

    [Fact]
    public async Task Kinds_the_server_does_not_know_and_duplicates_are_reported_together_before_any_dry_run()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        const string Ingress = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web";
        const string Typo = "apiVersion: v1\nkind: ConfigMapp\nmetadata:\n  name: web";

        var failure = await cluster.FailAsync(cluster.Apply(EmulatedCluster.V2, ("app.yaml", Yaml.Documents(Yaml.Deployment(), Ingress, Typo, Yaml.Service(), Yaml.Service()))));

        Assert.Equal(
            [
                "The manifests were not applied (3 problems); nothing was changed:",
                "The Ingress \"web\" in manifests-1/app.yaml (document 2): the API server does not serve apiVersion networking.k8s.io/v1 (kubectl api-versions lists what it does): check the apiVersion.",
                "The ConfigMapp \"web\" in manifests-1/app.yaml (document 3): the API server has no kind ConfigMapp in v1 (kubectl api-resources lists them): check the kind, or install its CustomResourceDefinition first.",
                "service/web in apps is in the manifests twice, in manifests-1/app.yaml (document 4) and in manifests-1/app.yaml (document 5): keep one of them.",
            ],
            failure.Message.Split(Environment.NewLine));
        Assert.DoesNotContain(cluster.Emulator.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task Manifests_that_never_run_the_built_image_are_an_error_naming_the_files_before_the_cluster_is_contacted()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);

        var failure = await cluster.FailAsync(cluster.Apply(
            EmulatedCluster.V2,
            ("a.yaml", Yaml.Deployment(image: "nginx:1.27")), ("b.yaml", Yaml.Documents(Yaml.ConfigMap(), Yaml.StatefulSet(image: "registry.example/webby:1")))));

        Assert.Equal(
            "None of the manifests (manifests-1/a.yaml, manifests-1/b.yaml) runs the built image registry.example/web (they name nginx:1.27, registry.example/webby:1): "
            + $"write image: registry.example/web (any tag) in the container that should run it; it is replaced by the pushed {EmulatedCluster.V2}.",
            failure.Message.Split(Environment.NewLine)[1]);
        Assert.Empty(cluster.Emulator.Requests);
    }

    [Fact]
    public async Task Yaml_that_does_not_parse_and_objects_without_kind_or_name_are_reported_together()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);

        var failure = await cluster.FailAsync(cluster.Apply(
            EmulatedCluster.V2,
            ("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n"),
            ("b.yaml", Yaml.Documents(Yaml.Deployment(), "apiVersion: v1\nmetadata:\n  generateName: web-", "- just\n- a list", "# only a comment"))));

        var lines = failure.Message.Split(Environment.NewLine);
        Assert.Equal("The manifests were not applied: 3 problems to fix first.", lines[0]);
        Assert.Equal("The manifest manifests-1/a.yaml is not valid YAML at line 5, column 1: While parsing a flow sequence, did not find expected ',' or ']'. Fix the file.", lines[1]);
        Assert.Equal("The manifest manifests-1/b.yaml (document 2) has no kind, no metadata.name (apply needs a fixed name; generateName is not enough): every object needs apiVersion, kind and metadata.name (as strings).", lines[2]);
        Assert.Equal("The manifest manifests-1/b.yaml (document 3) is not a Kubernetes object: each document must be a mapping with apiVersion, kind and metadata.name.", lines[3]);
        Assert.Empty(cluster.Emulator.Requests);
    }

    [Fact]
    public async Task An_object_for_a_namespace_that_does_not_exist_is_refused_by_the_dry_run()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);

        var failure = await cluster.FailAsync(cluster.Apply(EmulatedCluster.V2, ("app.yaml", Yaml.Deployment())) with { Namespace = "nowhere" });

        Assert.Contains("deployment.apps/web in nowhere (manifests-1/app.yaml) was refused by the API server (404): namespaces \"nowhere\" not found.", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Emulator.Requests, r => r.IsWrite);
    }

    [Theory]
    [InlineData("deployment")]
    [InlineData("container")]
    public async Task Choosing_one_deployment_or_container_and_manifests_at_once_is_refused_before_the_cluster_is_contacted(string which)
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        var request = cluster.Apply(EmulatedCluster.V2, ("app.yaml", Yaml.Deployment()));

        var failure = await cluster.FailAsync(which == "deployment" ? request with { Deployment = "web" } : request with { Container = "web" });

        Assert.StartsWith($"--{which} \"web\" and --manifests exclude each other", failure.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Emulator.Requests);
    }

    [Fact]
    public async Task Apply_only_options_without_manifests_and_a_missing_manifest_path_are_refused()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        var options = await cluster.FailAsync(cluster.Request() with { DryRun = true, ForceConflicts = true });
        var missing = await cluster.FailAsync(cluster.Apply(EmulatedCluster.V2) with { Manifests = ["deploy/k8s"] });

        Assert.Equal(
            [
                "--kube-dry-run only applies to --manifests (server-side apply); without them the image of --deployment is set. Pass --manifests, or leave --kube-dry-run out.",
                "--force-conflicts only applies to --manifests (server-side apply); without them the image of --deployment is set. Pass --manifests, or leave --force-conflicts out.",
            ],
            options.Message.Split(Environment.NewLine));
        Assert.Equal(
            $"The manifest path \"{Path.Combine(cluster.Directory, "deploy", "k8s")}\" does not exist: pass --manifests with files or directories of Kubernetes YAML (relative paths start at the source directory).",
            missing.Message);
        Assert.Empty(cluster.Emulator.Requests);
    }
}
