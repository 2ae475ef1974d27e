using System.Text.Json.Nodes;
using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>--manifests: server-side apply of the whole set after a dry run, the pushed image in place of the built one.</summary>
public sealed class ApplyTests
{
    private static (string, string)[] App(string value = "info") =>
        [("app.yaml", Yaml.Documents(Yaml.ConfigMap(value: value), Yaml.Deployment(), Yaml.Service()))];

    [Fact]
    public async Task A_first_deploy_into_an_empty_namespace_creates_every_object_and_waits_for_the_deployment()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);

        var result = await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, App()));

        Assert.Equal(
            ["ConfigMap apps/web-config created", "Deployment apps/web created", "Service apps/web created"],
            result.Applied.Select(a => a.ToString()));
        Assert.Equal([null, 1L, null], result.Applied.Select(a => a.RevisionAfter));
        var deployment = cluster.Emulator.Deployment("web");
        Assert.Equal(EmulatedCluster.V2, cluster.Emulator.ImageOf("web", "web"));
        Assert.Equal("deploy", (string?)deployment["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]);
        Assert.Equal("abc1234", (string?)deployment["metadata"]!["labels"]!["deploy/commit"]);
        Assert.Null(deployment["spec"]!["template"]!["metadata"]!["labels"]!["deploy/commit"]);
        Assert.NotNull(cluster.Emulator.State.Get("services", "apps", "web"));
        Assert.Equal("info", (string?)cluster.Emulator.State.Get("configmaps", "apps", "web-config")!["data"]!["LOG_LEVEL"]);
        Assert.Equal(
            [
                "configmap/web-config in apps: created",
                "deployment.apps/web in apps: created",
                "service/web in apps: created",
            ],
            cluster.Log.Information.Take(3));
        Assert.Equal("deployment \"web\" successfully rolled out", cluster.Log.Information[^1]);
    }

    [Fact]
    public async Task Every_object_is_dry_run_first_then_applied_with_field_manager_deploy()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);

        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, App()));

        var writes = cluster.Emulator.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(6, writes.Count);
        Assert.All(writes, w => Assert.StartsWith("application/apply-patch+yaml", w.ContentType, StringComparison.Ordinal));
        Assert.All(writes, w => Assert.Equal(("deploy", "false", "Strict"), (w.Parameter("fieldManager"), w.Parameter("force"), w.Parameter("fieldValidation"))));
        Assert.Equal([true, true, true, false, false, false], writes.Select(w => w.IsDryRun));
        Assert.Equal(
            ["configmaps/web-config", "deployments/web", "services/web", "configmaps/web-config", "deployments/web", "services/web"],
            writes.Select(w => string.Join('/', w.Path.Split('/')[^2..])));
    }

    [Fact]
    public async Task The_object_is_sent_as_written_with_only_the_image_and_the_release_labels_changed()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        var written = Yaml.Deployment().Replace("  replicas: 2", "  replicas: 2\n  minReadySeconds: 0x0a\n  futureField:\n    enabled: yes", StringComparison.Ordinal);

        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, ("app.yaml", Yaml.Documents(Yaml.ConfigMap(), written))));

        var sent = JsonNode.Parse(cluster.Emulator.Requests.Last(r => r.Method == "PATCH" && r.Path.EndsWith("/deployments/web", StringComparison.Ordinal)).Body)!;
        Assert.Equal(10, (int)sent["spec"]!["minReadySeconds"]!);
        Assert.True((bool)sent["spec"]!["futureField"]!["enabled"]!);
        Assert.Null(sent["metadata"]!["namespace"]);
        Assert.Equal(EmulatedCluster.V2, (string?)sent["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal(
            """{"app.kubernetes.io/managed-by":"deploy","deploy/commit":"abc1234"}""",
            sent["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal(["name", "image", "ports", "envFrom"], sent["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task A_second_deploy_changes_only_the_image_and_the_commit_label()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V1, App()));
        var before = cluster.Emulator.Deployment("web");

        var result = await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, App()) with { Commit = "def5678" });

        var deployment = result.Applied.Single(a => a.Kind == "Deployment");
        Assert.Equal((AppliedChange.Configured, 1L, 2L), (deployment.Change, deployment.RevisionBefore, deployment.RevisionAfter));
        Assert.Equal([".metadata.labels.deploy/commit", ".spec.template.spec.containers[name=\"web\"].image"], deployment.ChangedFields);
        Assert.All(result.Applied.Where(a => a.Kind != "Deployment"), a => Assert.Equal([".metadata.labels.deploy/commit"], a.ChangedFields));
        var after = cluster.Emulator.Deployment("web");
        Assert.Equal(EmulatedCluster.V2, cluster.Emulator.ImageOf("web", "web"));
        Assert.Equal(before["spec"]!["replicas"]!.ToJsonString(), after["spec"]!["replicas"]!.ToJsonString());
        Assert.Contains(
            "deployment.apps/web in apps: configured (.metadata.labels.deploy/commit, .spec.template.spec.containers[name=\"web\"].image)",
            cluster.Log.Information);
    }

    [Fact]
    public async Task Deploying_the_same_commit_and_image_again_changes_nothing()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, App()));
        var version = cluster.Emulator.State.ResourceVersion;

        var result = await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, App()));

        Assert.All(result.Applied, a => Assert.Equal(AppliedChange.Unchanged, a.Change));
        Assert.Equal([1L], result.Applied.Where(a => a.Kind == "Deployment").Select(a => a.RevisionAfter));
        Assert.Equal(1, Emulator.Objects.Generation(cluster.Emulator.Deployment("web")));
        Assert.Equal(version, cluster.Emulator.State.ResourceVersion);
    }

    [Fact]
    public async Task Namespaces_and_cluster_scoped_objects_go_first_and_objects_name_their_own_namespace()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        const string Namespace = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop";
        var elsewhere = Yaml.ConfigMap("shop-config").Replace("  name: shop-config", "  name: shop-config\n  namespace: shop", StringComparison.Ordinal);

        var result = await cluster.RunAsync(cluster.Apply(EmulatedCluster.V2, ("a.yaml", Yaml.Documents(Yaml.Deployment(), elsewhere)), ("b.yaml", Yaml.Documents(Yaml.ConfigMap(), Namespace))));

        Assert.Equal(
            ["Namespace shop created", "Deployment apps/web created", "ConfigMap shop/shop-config created", "ConfigMap apps/web-config created"],
            result.Applied.Select(a => a.ToString()));
        Assert.NotNull(cluster.Emulator.State.Get("configmaps", "shop", "shop-config"));
        Assert.Contains("configmap/shop-config in shop: created (its namespace is new, so the server checks it when it is applied)", cluster.Log.Information);
        Assert.DoesNotContain(cluster.Emulator.Requests, r => r.IsDryRun && r.Path.Contains("/namespaces/shop/", StringComparison.Ordinal));
    }
}
