using Deploy.Kubernetes;

namespace Deploy.Rollout.Tests.Component;

/// <summary>What Rollout records of a Kubernetes rollout: the run record's outputs and the result a later step undoes with.</summary>
public sealed class KubernetesDeployedTests
{
    private const string Reference = "registry.example/web@sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private static AppliedObject Object(string kind, string name, AppliedChange change, long? before = null, long? after = null) => new()
    {
        ApiVersion = kind is "Service" or "ConfigMap" ? "v1" : "apps/v1",
        Kind = kind,
        Namespace = "apps",
        Name = name,
        Source = "deploy/app.yaml",
        Change = change,
        RevisionBefore = before,
        RevisionAfter = after,
    };

    [Fact]
    public void An_apply_records_every_object_and_each_workload_s_revisions()
    {
        var result = new KubernetesRolloutResult
        {
            Namespace = "apps",
            Reference = Reference,
            Applied =
            [
                Object("Deployment", "web", AppliedChange.Configured, 1, 2),
                Object("Service", "web", AppliedChange.Created),
                Object("StatefulSet", "db", AppliedChange.Created, after: 1),
            ],
        };

        var deployed = KubernetesBackend.Describe(result);

        Assert.Equal(
            (RolloutTarget.Kubernetes, Reference, "apps/web, apps/db", "deployment/web=1, statefulset/db=none", "deployment/web=2, statefulset/db=1"),
            (deployed.Target, deployed.Reference, deployed.Where, deployed.RevisionBefore, deployed.RevisionAfter));
        Assert.Equal("Deployment apps/web configured; Service apps/web created; StatefulSet apps/db created", deployed.Applied);
        Assert.Same(result, deployed.Kubernetes);
    }

    [Fact]
    public void A_set_image_rollout_records_the_deployment_and_its_revisions()
    {
        var deployed = KubernetesBackend.Describe(new KubernetesRolloutResult { Namespace = "apps", Deployment = "web", Container = "web", Reference = Reference, RevisionBefore = 1, RevisionAfter = 2 });

        Assert.Equal(("apps/web", "1", "2", null), (deployed.Where, deployed.RevisionBefore, deployed.RevisionAfter, deployed.Applied));
    }

    [Fact]
    public void A_dry_run_records_what_would_change_and_no_revision_after()
    {
        var deployed = KubernetesBackend.Describe(new KubernetesRolloutResult { Namespace = "apps", Reference = Reference, DryRun = true, Applied = [Object("Deployment", "web", AppliedChange.Configured, 1)] });

        Assert.Equal(("deployment/web=1", null, "Deployment apps/web configured"), (deployed.RevisionBefore, deployed.RevisionAfter, deployed.Applied));
    }
}
