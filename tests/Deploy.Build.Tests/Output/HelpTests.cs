using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Output;

public sealed class HelpTests
{
    public enum Strategy
    {
        Rolling,
        Recreate,
        BlueGreen,
    }

    /// <summary>A fixed build with one of everything --help shows.</summary>
    private sealed class Sample : DeployBuild
    {
        [Parameter("Image registry to push to")]
        public string Registry { get; set; } = "ghcr.io/acme";

        [Parameter("Pods to run")]
        public int Replicas { get; set; } = 2;

        [Parameter("Push even when the tag exists")]
        public bool Force { get; set; }

        [Parameter("How long a rollout may take")]
        public TimeSpan RolloutTimeout { get; set; } = TimeSpan.FromMinutes(5);

        [Parameter("How pods are replaced")]
        public Strategy RolloutStrategy { get; set; } = Strategy.Rolling;

        [Parameter("Extra image tags")]
        public string[] Tags { get; set; } = ["latest", "stable"];

        [Parameter("Directory to build in.")]
        public string WorkingDirectory { get; set; } = ".";

        [Parameter("Pushgateway to send metrics to")]
        public Uri? PushgatewayUrl { get; set; }

        [Parameter("Docker engine to build on", Convention = "DOCKER_HOST")]
        public string? DockerHost { get; set; }

        [Parameter("Registry password"), Secret]
        public string? RegistryPassword { get; set; } = "never-shown";

        Target Clone => _ => _.Description("Clone the service's repository").Executes(() => Log.Information("clone"));
        Target Compile => _ => _.Description("Build the service.").DependsOn(Clone).Executes(() => Log.Information("compile"));
        Target Test => _ => _.DependsOn(Compile).Executes(() => Log.Information("test"));
        Target Image => _ => _.Description("Build and push the container image").DependsOn(Compile).Executes(() => Log.Information("image"));
        Target Rollout => _ => _.Description("Roll the new image out").DependsOn(Test, Image);
        Target Maintenance => _ => _.Description("Internal housekeeping").Unlisted().Executes(() => Log.Information("sweep"));
    }

    [Fact]
    public async Task Help_lists_targets_parameters_and_options()
    {
        using var driver = new BuildDriver { ProcessorCount = 8 };

        var result = await driver.RunAsync(new Sample(), ["--help"], ["Rollout"]);

        RunAssert.ExitCode(0, result);
        Assert.Equal("", result.Error);
        Approval.Verify(result.Output, "Help");
    }

    [Fact]
    public async Task Help_never_shows_a_secrets_value_and_runs_nothing()
    {
        using var driver = new BuildDriver();
        driver.Environment["REGISTRY_PASSWORD"] = "from-the-environment";

        var result = await driver.RunAsync(new Sample(), ["--help"], ["Rollout"]);

        RunAssert.ExitCode(0, result);
        Assert.DoesNotContain("never-shown", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("from-the-environment", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(result.TemporaryDirectory) && File.Exists(Path.Combine(result.TemporaryDirectory, "run.json")));
    }
}
