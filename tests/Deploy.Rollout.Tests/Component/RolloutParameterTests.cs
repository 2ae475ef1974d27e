using Deploy.Build;
using Deploy.Rollout.Tests.Support;

namespace Deploy.Rollout.Tests.Component;

/// <summary>
/// Bad rollout parameters are refused while planning, each with one message naming the parameter and the fix:
/// exit 2, nothing run, nothing changed, and the run record says so.
/// </summary>
public sealed class RolloutParameterTests
{
    [Theory]
    [InlineData("--container-name", "bad/name", "--container-name 'bad/name' is not a valid container name")]
    [InlineData("--publish", "8080", "--publish '8080' is not a port mapping")]
    [InlineData("--publish", "70000:80", "--publish '70000:80' is not a port mapping")]
    [InlineData("--service-env", "NOVALUE", "--service-env 'NOVALUE' is not NAME=value")]
    [InlineData("--service-port", "0", "--service-port '0' is not a port")]
    [InlineData("--health-url", "ftp://127.0.0.1/healthz", "--health-url 'ftp://127.0.0.1/healthz' is not an http(s) URL")]
    [InlineData("--rollout-timeout", "0s", "--rollout-timeout '00:00:00' is not a positive time")]
    [InlineData("--docker-host", "ftp://engine", "The Docker engine address 'ftp://engine' (--docker-host) is not valid")]
    [InlineData("--keep-images", "0", "--keep-images is 0, but at least the deployed image must stay. Give 1 or more (default 3).")]
    public async Task A_bad_parameter_is_refused_before_anything_runs(string parameter, string value, string expected)
    {
        using var driver = Driver();

        // The whole pipeline is planned: nothing of it may run, not even Restore.
        var result = await driver.RunAsync(new RolloutBuild(), ["Rollout", "--docker-host", "unix:///nonexistent/docker.sock", parameter, value]);

        NothingRan(result);
        Assert.Contains("error: " + expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Preflight", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_rollout_problem_is_reported_at_once()
    {
        using var driver = Driver();

        var result = await driver.RunAsync(new RolloutBuild(), ["Rollout", "--service-port", "99999", "--container-name", "bad/name", "--publish", "8080", "--rollout-timeout", "0s"]);

        NothingRan(result);
        Assert.Contains("Nothing ran (4 problems).", result.Error, StringComparison.Ordinal);
        Assert.Equal(4, result.RunRecord.GetProperty("problems").GetArrayLength());
    }

    /// <summary>A scratch root holding one service (found without --project) and its Dockerfile, so that the toolchain's and Image's own checks pass.</summary>
    private static BuildDriver Driver()
    {
        var driver = new BuildDriver();
        Directory.CreateDirectory(Path.Combine(driver.Root, "samples", "hello-service"));
        File.WriteAllText(Path.Combine(driver.Root, "samples", "hello-service", "HelloService.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />\n");
        File.WriteAllText(Path.Combine(driver.Root, "samples", "hello-service", "Dockerfile"), "FROM scratch\n");
        return driver;
    }

    /// <summary>Exit 2; the record says Invalid and that no target started.</summary>
    private static void NothingRan(BuildResult result)
    {
        Assert.True(result.NeverStarted, result.ToString());
        Assert.Equal("NotRun", result.StatusOf("Rollout"));
    }

    [Fact]
    public async Task Kubernetes_without_a_registry_says_the_image_must_be_pushed()
    {
        using var driver = Driver();

        var result = await driver.RunAsync(new RolloutBuild(), ["Rollout", "--rollout-target", "kubernetes"]);

        NothingRan(result);
        Assert.Contains("deploys by digest", result.Error, StringComparison.Ordinal);
        Assert.Contains("--registry", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubernetes_parameters_are_checked_while_planning()
    {
        using var driver = Driver();

        var result = await driver.RunAsync(new RolloutBuild(), ["Rollout", "--rollout-target", "kubernetes", "--registry", "127.0.0.1:5000", "--namespace", "Bad_NS", "--deployment", "UPPER"]);

        NothingRan(result);
        Assert.Contains("The namespace \"Bad_NS\" is not a valid Kubernetes namespace", result.Error, StringComparison.Ordinal);
        Assert.Contains("The deployment name \"UPPER\" is not a valid Kubernetes name", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--digest", "sha256:abc" }, "--digest 'sha256:abc' is not an image digest")]
    [InlineData(new[] { "--digest", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }, "--registry is not given")]
    public async Task A_digest_from_another_job_is_checked(string[] arguments, string expected)
    {
        using var driver = Driver();

        var result = await driver.RunAsync(new RolloutBuild(), ["Rollout", "--skip", "--rollout-target", "kubernetes", .. arguments]);

        NothingRan(result);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubernetes_manifests_are_checked_with_the_other_rollout_parameters_before_the_cluster_is_contacted()
    {
        using var driver = Driver();

        var result = await driver.RunAsync(new RolloutBuild(), [
            "Rollout", "--skip", "--rollout-target", "kubernetes", "--registry", "registry.example",
            "--digest", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "--manifests", "deploy/k8s", "--deployment", "web"]);

        NothingRan(result);
        Assert.Contains("--deployment \"web\" and --manifests exclude each other", result.Error, StringComparison.Ordinal);
        Assert.Contains($"The manifest path \"{Path.Combine(driver.Root, "deploy", "k8s")}\" does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_engine_fails_the_preflight_before_Restore_or_Compile_start()
    {
        using var driver = Driver();
        var build = new RolloutBuild();

        var result = await driver.RunAsync(build, ["Rollout", "--docker-host", "unix:///nonexistent/docker.sock"]);

        NothingRan(result);
        Assert.Contains("error: Preflight of Image, Rollout: No Docker engine answers at 'unix:///nonexistent/docker.sock'", result.Error, StringComparison.Ordinal);
        Assert.Contains("dockerd", result.Error, StringComparison.Ordinal);
        Assert.Equal("NotRun", result.StatusOf("Restore"));
        Assert.Equal("NotRun", result.StatusOf("Compile"));
        Assert.Contains(result.RunRecord.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("Preflight of Image, Rollout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Kubernetes_context_that_does_not_exist_fails_the_preflight()
    {
        using var driver = Driver();
        var kubeconfig = Path.Combine(driver.Root, "kubeconfig");
        File.WriteAllText(kubeconfig, "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");

        var result = await driver.RunAsync(new RolloutBuild(), ["Rollout", "--skip", "--rollout-target", "kubernetes", "--registry", "127.0.0.1:5000", "--kubeconfig", kubeconfig, "--kube-context", "nowhere"]);

        NothingRan(result);
        Assert.Contains("error: Preflight of Rollout: The context \"nowhere\" is not in the kubeconfig", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_runs_last_after_Test_and_Push_which_run_beside_each_other()
    {
        using var driver = Driver();

        var result = await driver.RunAsync(new RolloutBuild(), ["Rollout", "--plan"]);

        var waves = result.Output.Split('\n').Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s*\d+: ")).ToList();
        Assert.Matches(@"\d+: Rollout$", waves[^1].TrimEnd());
        var testWave = waves.FindIndex(line => line.Contains("Test", StringComparison.Ordinal));
        var imageWave = waves.FindIndex(line => line.Contains("Image", StringComparison.Ordinal));
        var pushWave = waves.FindIndex(line => line.Contains("Push", StringComparison.Ordinal));
        Assert.Equal(testWave, imageWave);
        Assert.True(pushWave > imageWave && pushWave < waves.Count - 1, result.Output);
    }
}
