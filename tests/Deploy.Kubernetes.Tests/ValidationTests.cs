namespace Deploy.Kubernetes.Tests;

public sealed class ValidationTests
{
    private static KubernetesRolloutRequest Valid => new()
    {
        Deployment = "web",
        Image = "registry.example:5000/team/web@sha256:" + new string('a', 64),
        TimeProvider = TimeProvider.System,
    };

    [Theory]
    [InlineData("registry.example/web@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("localhost:5000/web:1.2.3")]
    [InlineData("web:latest")]
    [InlineData("ghcr.io/org/sub/web:v1@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("[::1]:5000/web:1")]
    public void Image_references_with_a_digest_or_a_tag_are_accepted(string image) =>
        Assert.Empty(KubernetesRolloutValidation.Validate(Valid with { Image = image }));

    [Theory]
    [InlineData("web")]
    [InlineData("Registry.example/Web:1")]
    [InlineData("registry.example/web@sha256:abc")]
    [InlineData("registry.example/web@sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("registry.example/web:")]
    [InlineData("registry.example/web:1 --privileged")]
    [InlineData("")]
    public void Other_image_references_are_rejected_with_what_a_valid_one_looks_like(string image)
    {
        var problem = Assert.Single(KubernetesRolloutValidation.Validate(Valid with { Image = image }));

        Assert.Contains("registry/image@sha256:<64 hex digits>", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("web-1")]
    [InlineData("web.v2")]
    [InlineData("a")]
    public void Dns_1123_deployment_names_are_accepted(string name) =>
        Assert.Empty(KubernetesRolloutValidation.Validate(Valid with { Deployment = name }));

    [Theory]
    [InlineData("Web")]
    [InlineData("-web")]
    [InlineData("web_1")]
    [InlineData("web-")]
    public void Other_deployment_names_are_rejected_quoting_the_name(string name)
    {
        var problem = Assert.Single(KubernetesRolloutValidation.Validate(Valid with { Deployment = name }));

        Assert.StartsWith($"The deployment name \"{name}\" is not a valid Kubernetes name", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_container_and_context_are_checked_when_given()
    {
        var problems = KubernetesRolloutValidation.Validate(Valid with { Namespace = "Apps", Container = "web.app", KubeContext = " ", Deployment = "" });

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("No deployment was given: pass --deployment", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("The namespace \"Apps\" is not a valid Kubernetes namespace", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("The container name \"web.app\" is not valid", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("The kube context is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_digest_reference_is_told_from_a_tag()
    {
        Assert.True(KubernetesRolloutValidation.IsDigestReference(Valid.Image));
        Assert.False(KubernetesRolloutValidation.IsDigestReference("registry.example/web:1"));
    }

    [Fact]
    public void ThrowIfInvalid_throws_all_problems_in_one_exception()
    {
        var failure = Assert.Throws<KubernetesRolloutException>(() => KubernetesRolloutValidation.ThrowIfInvalid(Valid with { Deployment = "X", Image = "y" }));

        Assert.Equal(2, failure.Message.Split(Environment.NewLine).Length);
    }
}
