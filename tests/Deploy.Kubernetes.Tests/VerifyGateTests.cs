using System.Net;
using Deploy.Build;
using Deploy.Kubernetes.Tests.Support;
using Deploy.Rollout.Verify;

namespace Deploy.Kubernetes.Tests;

/// <summary>The stock Verify target after a Kubernetes rollout: a failed gate undoes the rollout on the (emulated) cluster.</summary>
public sealed class VerifyGateTests : IDisposable
{
    private const string Digest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private readonly BuildDriver _driver = new();

    [Fact]
    public async Task A_failed_gate_rolls_the_deployment_back_with_undo_and_the_error_says_so()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        using var check = new CannedHttpServer(HttpStatusCode.ServiceUnavailable, "not ready");

        var result = await _driver.RunAsync(new VerifyingBuild(), [.. Arguments(cluster), "--verify-url", check.Url.ToString()]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(("1", "2"), (result.OutputOf("Rollout", "revisionBefore"), result.OutputOf("Rollout", "revisionAfter")));
        var error = result.ErrorOf("Verify")!;
        Assert.Contains($"The gate --verify-url {check.Url} failed at ", error, StringComparison.Ordinal);
        Assert.Contains("the value was 503.", error, StringComparison.Ordinal);
        Assert.Contains("Rolled back apps/web", error, StringComparison.Ordinal);
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task A_passed_gate_leaves_the_new_version_in_place()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        using var check = new CannedHttpServer(HttpStatusCode.OK, "ok");

        var result = await _driver.RunAsync(new VerifyingBuild(), [.. Arguments(cluster), "--verify-url", check.Url.ToString(), "--verify-for", "1s", "--verify-interval", "1s"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(("passed", "2"), (result.OutputOf("Verify", "verified"), result.OutputOf("Verify", "evaluations")));
        Assert.Equal(EmulatedCluster.V2, cluster.Emulator.ImageOf("web", "web"));
    }

    [Fact]
    public async Task Cancelling_during_verification_rolls_back_too()
    {
        await using var cluster = await EmulatedCluster.StartAsync();
        using var check = new CannedHttpServer(HttpStatusCode.OK, "ok");
        using var ctrlC = new CancellationTokenSource();
        var cancelling = Task.Run(async () =>
        {
            await Poll.UntilAsync(() => check.Requests.Count >= 1, TimeSpan.FromMinutes(1), "the first probe of the verify URL");
            await ctrlC.CancelAsync();
        });

        var result = await _driver.RunAsync(new VerifyingBuild(), [.. Arguments(cluster), "--verify-url", check.Url.ToString(), "--verify-for", "10m"], ctrlC.Token);
        await cancelling;

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("Aborted", result.StatusOf("Verify"));
        Assert.Contains("Verification was cancelled before the gates passed: rolling back apps/web", result.LogFile, StringComparison.Ordinal);
        Assert.Equal(EmulatedCluster.V1, cluster.Emulator.ImageOf("web", "web"));
    }

    public void Dispose() => _driver.Dispose();

    private static string[] Arguments(EmulatedCluster cluster) =>
    [
        "Rollout", "Verify", "--skip",
        "--rollout-target", "kubernetes", "--kubeconfig", cluster.Kubeconfig, "--namespace", "apps",
        "--registry", "registry.example", "--image-name", "web", "--digest", Digest,
    ];

    /// <summary>The stock Rollout and Verify, given the pushed digest: Rollout's dependencies are skipped.</summary>
    private sealed class VerifyingBuild : DeployBuild, IVerify
    {
    }
}
