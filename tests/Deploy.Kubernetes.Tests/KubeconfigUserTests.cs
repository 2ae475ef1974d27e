using Deploy.Kubernetes.Tests.Support;

namespace Deploy.Kubernetes.Tests;

/// <summary>
/// The kubeconfig's user entry: what kubectl accepts is accepted. A user without credentials (what
/// <c>kubectl proxy</c> or an insecure local endpoint needs) connects without an Authorization header; a user with
/// credentials sends them; a user entry that is really broken stays a clear error.
/// </summary>
public sealed class KubeconfigUserTests
{
    private const string TokenUser = """
          user:
            token: not-a-secret-here
        """;

    [Theory]
    [InlineData("user: {}")]
    [InlineData("user:")]
    [InlineData("user: null")]
    public async Task A_user_without_credentials_rolls_out_without_an_authorization_header(string user)
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var kubeconfig = WithUser(cluster, "  " + user);

        var result = await cluster.RunAsync(cluster.Request() with { Kubeconfig = kubeconfig });

        Assert.Equal(2, result.RevisionAfter);
        Assert.NotEmpty(cluster.Emulator.Requests);
        Assert.All(cluster.Emulator.Requests, request => Assert.Null(request.Authorization));
    }

    [Fact]
    public async Task A_user_with_a_token_sends_it()
    {
        await using var cluster = await EmulatedCluster.StartAsync();

        await cluster.RunAsync(cluster.Request());

        Assert.All(cluster.Emulator.Requests, request => Assert.Equal("Bearer not-a-secret-here", request.Authorization));
    }

    [Fact]
    public async Task A_context_naming_a_user_the_kubeconfig_lacks_connects_without_credentials_as_kubectl_does()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var kubeconfig = Path.Combine(cluster.Directory, "missing-user");
        await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(cluster.Kubeconfig)).Replace("    user: tester", "    user: nobody", StringComparison.Ordinal));

        var result = await cluster.RunAsync(cluster.Request() with { Kubeconfig = kubeconfig });

        Assert.Equal(2, result.RevisionAfter);
        Assert.All(cluster.Emulator.Requests, request => Assert.Null(request.Authorization));
    }

    [Fact]
    public async Task Messages_about_the_cluster_say_that_the_user_has_no_credentials()
    {
        await using var cluster = await EmulatedCluster.StartAsync(withDeployment: false);
        var kubeconfig = WithUser(cluster, "  user: {}");

        var failure = await cluster.FailAsync(cluster.Request() with { Kubeconfig = kubeconfig });

        Assert.Matches("\\(context \"emulator\" at http://127\\.0\\.0\\.1:[0-9]+/?, user \"tester\" without credentials\\)", failure.Message);
    }

    [Fact]
    public async Task A_user_with_a_certificate_but_no_key_is_still_a_clear_error()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var kubeconfig = WithUser(cluster, """
              user:
                client-certificate: client.crt
            """);

        var failure = await cluster.FailAsync(cluster.Request() with { Kubeconfig = kubeconfig });

        Assert.Equal(
            $"The context \"emulator\" in the kubeconfig \"{kubeconfig}\" is not usable: User: tester does not have appropriate auth credentials in kubeconfig. Fix its cluster and user entries.",
            failure.Message);
        Assert.Empty(cluster.Emulator.Requests);
    }

    [Fact]
    public async Task A_context_naming_a_cluster_the_kubeconfig_lacks_is_still_a_clear_error()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var kubeconfig = Path.Combine(cluster.Directory, "missing-cluster");
        await File.WriteAllTextAsync(kubeconfig, WithUserText(await File.ReadAllTextAsync(cluster.Kubeconfig), "  user: {}").Replace("    cluster: emulator", "    cluster: gone", StringComparison.Ordinal));

        var failure = await cluster.FailAsync(cluster.Request() with { Kubeconfig = kubeconfig });

        Assert.StartsWith($"The context \"emulator\" in the kubeconfig \"{kubeconfig}\" is not usable: Cluster not found for context", failure.Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Emulator.Requests);
    }

    [KubectlFact]
    public async Task Kubectl_accepts_the_same_kubeconfig_without_credentials_against_the_emulator()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        var kubeconfig = WithUser(cluster, "  user: {}");

        var (code, output, error) = await new Kubectl(cluster, kubeconfig).RunAsync("get", "deploy", "-o", "name");

        Assert.True(code == 0, error);
        Assert.Equal("deployment.apps/web", output.Trim());
        Assert.Contains(cluster.Emulator.Requests, request => request.Path == "/apis/apps/v1/namespaces/apps/deployments");
        Assert.All(cluster.Emulator.Requests, request => Assert.Null(request.Authorization));
    }

    /// <summary>The test cluster's kubeconfig with the user "tester" given as <paramref name="user"/> (YAML, indented under the entry).</summary>
    private static string WithUser(EmulatedCluster cluster, string user)
    {
        var path = Path.Combine(cluster.Directory, "kubeconfig-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(path, WithUserText(File.ReadAllText(cluster.Kubeconfig), user));
        return path;
    }

    private static string WithUserText(string kubeconfig, string user)
    {
        var replaced = kubeconfig.Replace(TokenUser, user, StringComparison.Ordinal);
        Assert.NotEqual(kubeconfig, replaced);
        return replaced;
    }
}
