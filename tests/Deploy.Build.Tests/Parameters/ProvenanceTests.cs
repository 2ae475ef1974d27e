using System.Text.Json;
using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Planning;

namespace Deploy.Build.Tests.Parameters;

/// <summary>Where each value came from: only where the user put it, logged before the first target and recorded.</summary>
public sealed class ProvenanceTests
{
    private const string Secret = "s3cr3t-t0ken";

    private sealed class Build : RecordingBuild
    {
        [Parameter("Container to replace")] public string ContainerName { get; set; } = "default-container";

        [Parameter("Clone directory")] public string? Workspace { get; set; }

        [Parameter("Kubernetes namespace")] public string? Namespace { get; set; }

        [Parameter("Git ref")] public string? Ref { get; set; }

        [Parameter("Service project")] public string Project { get; set; } = "samples/hello-service";

        [Parameter("Extra tags")] public string[] Tags { get; set; } = [];

        [Parameter("Registry token"), Secret] public string? Token { get; set; }

        Target Show => _ => _.Executes(() => Journal.Add($"{ContainerName}|{Workspace}|{Namespace}|{Ref}|{Project}"));
    }

    [Fact]
    public async Task Stray_variables_with_parameter_names_change_nothing()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "ContainerName": "web" }""");
        foreach (var name in new[] { "CONTAINER_NAME", "WORKSPACE", "NAMESPACE", "REF", "PROJECT", "TOKEN" })
        {
            driver.Environment[name] = "stray";
        }

        var build = new Build();
        var result = await driver.RunAsync(build, ["Show"]);

        Expect.Succeeded(result);
        Assert.Equal(["web|||" + "|samples/hello-service"], build.Journal.Entries);
        Assert.DoesNotContain("stray", result.Output, StringComparison.Ordinal);
        Assert.Equal(["container-name"], result.RunRecord.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task DEPLOY_variables_are_honoured_over_the_parameters_file()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "ContainerName": "web" }""");
        driver.Environment["DEPLOY_CONTAINER_NAME"] = "api";
        driver.Environment["CONTAINER_NAME"] = "stray";

        var build = new Build();
        Expect.Succeeded(await driver.RunAsync(build, ["Show"]));

        Assert.Equal(["api||||samples/hello-service"], build.Journal.Entries);
    }

    [Fact]
    public async Task Every_given_value_is_logged_with_its_source_before_the_first_target_and_recorded()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "ContainerName": "web" }""");
        driver.Environment["DEPLOY_WORKSPACE"] = "/srv/clone";

        var result = await driver.RunAsync(new Build(), ["Show", "--tags", "latest", "v1", "--token", Secret]);

        Expect.Succeeded(result);
        var lines = result.Output.Split('\n');
        var provenance = new[]
        {
            "workspace = /srv/clone (from environment variable DEPLOY_WORKSPACE)",
            "tags = latest v1 (from the command line)",
            "token = *** (from the command line)",
            "container-name = web (from .nuke/parameters.json)",
        };
        var firstTarget = Array.FindIndex(lines, l => l.Contains(" Show ", StringComparison.Ordinal) || l.Contains("Show succeeded", StringComparison.Ordinal));
        foreach (var line in provenance)
        {
            var index = Array.FindIndex(lines, l => l.EndsWith("| " + line, StringComparison.Ordinal));
            Assert.True(index >= 0 && index < firstTarget, $"'{line}' is not logged before the first target:\n{result.Output}");
        }

        Assert.DoesNotContain("project =", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Output + result.LogFile + result.RunRecordText, StringComparison.Ordinal);
        Assert.Contains("container-name = web (from .nuke/parameters.json)", result.LogFile, StringComparison.Ordinal);

        var recorded = result.RunRecord.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["container-name", "workspace", "tags", "token"], recorded.Keys);
        Assert.Equal(".nuke/parameters.json", recorded["container-name"].GetProperty("source").GetString());
        Assert.Equal("web", recorded["container-name"].GetProperty("value").GetString());
        Assert.Equal("environment variable DEPLOY_WORKSPACE", recorded["workspace"].GetProperty("source").GetString());
        Assert.Equal(["latest", "v1"], recorded["tags"].GetProperty("value").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("the command line", recorded["token"].GetProperty("source").GetString());
        Assert.False(recorded["token"].TryGetProperty("value", out _), "A secret's value must not be recorded, not even masked.");
    }

    [Fact]
    public async Task On_GitHub_Actions_every_secret_is_registered_with_add_mask_before_anything_else_is_written()
    {
        using var driver = new BuildDriver();
        driver.Environment["GITHUB_ACTIONS"] = "true";
        driver.Environment["DEPLOY_TOKEN"] = "first-line\nsecond%line";

        var result = await driver.RunAsync(new Build(), ["Show", "--container-name", "web"]);

        RunAssert.ExitCode(0, result);
        Assert.StartsWith("::add-mask::first-line\n::add-mask::second%25line\n", result.Output, StringComparison.Ordinal);
        Assert.Single(result.Output.Split('\n'), l => l.StartsWith("::add-mask::", StringComparison.Ordinal) && l.Contains("first-line", StringComparison.Ordinal));
        Assert.Contains("token = *** (from environment variable DEPLOY_TOKEN)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_GitHub_Actions_no_mask_command_is_written()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Build(), ["Show", "--token", Secret]);

        RunAssert.ExitCode(0, result);
        Assert.DoesNotContain("::add-mask::", result.Output, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, result.RunRecord.GetProperty("parameters").ValueKind);
    }
}
