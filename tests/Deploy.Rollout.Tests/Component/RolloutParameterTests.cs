using Deploy.Build;
using Deploy.Rollout.Tests.Support;

namespace Deploy.Rollout.Tests.Component;

/// <summary>Bad rollout parameters stop the Rollout target with one message naming the parameter and the fix, before anything changes.</summary>
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
    public async Task A_bad_parameter_fails_Rollout_with_a_message_naming_it(string parameter, string value, string expected)
    {
        using var driver = new BuildDriver();

        // Only Rollout runs (--skip alone skips everything not named), against an engine that is never reached.
        var result = await driver.RunAsync(new RolloutBuild(), ["Rollout", "--skip", parameter, value, "--docker-host", "unix:///nonexistent/docker.sock"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.ErrorOf("Rollout"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubernetes_without_a_registry_says_the_image_must_be_pushed()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new RolloutBuild(), ["Rollout", "--skip", "--rollout-target", "kubernetes"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("deploys by digest", result.ErrorOf("Rollout"), StringComparison.Ordinal);
        Assert.Contains("--registry", result.ErrorOf("Rollout"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--digest", "sha256:abc" }, "--digest 'sha256:abc' is not an image digest")]
    [InlineData(new[] { "--digest", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" }, "--registry is not given")]
    public async Task A_digest_from_another_job_is_checked(string[] arguments, string expected)
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new RolloutBuild(), ["Rollout", "--skip", "--rollout-target", "kubernetes", .. arguments]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.ErrorOf("Rollout"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubernetes_manifests_are_checked_with_the_other_rollout_parameters_before_the_cluster_is_contacted()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new RolloutBuild(), [
            "Rollout", "--skip", "--rollout-target", "kubernetes", "--registry", "registry.example",
            "--digest", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "--manifests", "deploy/k8s", "--deployment", "web"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--deployment \"web\" and --manifests exclude each other", result.ErrorOf("Rollout"), StringComparison.Ordinal);
        Assert.Contains($"The manifest path \"{Path.Combine(driver.Root, "deploy", "k8s")}\" does not exist", result.ErrorOf("Rollout"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_engine_is_named_with_how_to_start_one()
    {
        using var driver = new BuildDriver();
        var build = new RolloutBuild();

        var result = await driver.RunAsync(build, ["Rollout", "--skip", "--docker-host", "unix:///nonexistent/docker.sock"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unix:///nonexistent/docker.sock", result.ErrorOf("Rollout"), StringComparison.Ordinal);
        Assert.Contains("dockerd", result.ErrorOf("Rollout"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_runs_last_after_Test_and_Push_which_run_beside_each_other()
    {
        using var driver = new BuildDriver();

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
