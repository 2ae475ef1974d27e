using Deploy.GitHub.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Deploy.GitHub.Tests.Workflows;

/// <summary>The workflow of the build a release engineer composes: every stock component, Smoke after Rollout, Notify triggered by it.</summary>
public sealed class ReleaseBuildTests : IDisposable
{
    private static readonly string[] Frequent =
        ["ref", "project", "registry", "image-tags", "kube-context", "namespace", "deployment", "container", "no-rollback", "rollout-target", "rollout-timeout", "pushgateway-url"];

    private readonly BuildDriver _driver = new();

    private async Task<WorkflowFile> GenerateAsync(ReleaseBuild build, params string[] extra)
    {
        var result = await _driver.RunAsync(build, ["--generate-workflow", "github", .. extra], ReleaseBuild.Defaults);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        return new WorkflowFile(File.ReadAllText(Path.Combine(_driver.Root, ".github", "workflows", "deploy.yml")));
    }

    private static List<string> Inputs(WorkflowFile workflow) =>
        workflow.Map("on", "workflow_dispatch", "inputs").Children.Keys.Select(k => k.ToString()).ToList();

    [Fact]
    public async Task Its_inputs_are_its_own_parameters_and_the_frequent_ones_and_the_file_names_the_rest()
    {
        var build = new ReleaseBuild();

        var workflow = await GenerateAsync(build);

        Assert.Equal(["channel", .. Frequent], Inputs(workflow));
        Assert.Contains("# Inputs: the build's own parameters and the ones a deploy is most often steered by (GitHub allows 25).", workflow.Text, StringComparison.Ordinal);
        Assert.Contains($"# ./build.sh --generate-workflow github --workflow-inputs channel {string.Join(' ', Frequent.Take(5))}", workflow.Text, StringComparison.Ordinal);

        // Every parameter that could be an input is one, or is named in the comment that says it is not.
        var describe = await _driver.RunAsync(build, ["--describe"], ReleaseBuild.Defaults);
        Assert.Equal(0, describe.ExitCode);
        var comments = string.Join(' ', workflow.Text.Split('\n').Where(l => l.TrimStart().StartsWith('#')).Select(l => l.TrimStart(' ', '#')));
        var notOffered = comments[comments.IndexOf("Not offered:", StringComparison.Ordinal)..comments.IndexOf("They keep", StringComparison.Ordinal)];
        var candidates = build.Description!.Parameters.Where(p => !p.IsSecret && p.Component is not ("IGitHubWorkflows" or "IGitHubTriggers" or "IWebhookServer")).ToList();
        Assert.True(candidates.Count > 25, $"the stock components have {candidates.Count} parameters that could be inputs: the test means a build with more than GitHub allows");
        Assert.All(candidates, p => Assert.True(
            Inputs(workflow).Contains(p.CliName) ^ System.Text.RegularExpressions.Regex.IsMatch(notOffered, $@"--{p.CliName}[,.]"),
            $"--{p.CliName} is neither an input nor named as left out (or both)"));
    }

    [Fact]
    public async Task Workflow_inputs_replaces_the_automatic_choice()
    {
        var workflow = await GenerateAsync(new ReleaseBuild(), "--workflow-inputs", "ref", "channel", "service-port");

        Assert.Equal(["ref", "channel", "service-port"], Inputs(workflow));
        Assert.Contains("# Inputs: the parameters --workflow-inputs names.", workflow.Text, StringComparison.Ordinal);
        Assert.Equal("${{ inputs.service-port || github.event.client_payload.service-port }}", WorkflowFile.Scalar(workflow.Map("env"), "DEPLOY_SERVICE_PORT"));
    }

    [Fact]
    public async Task Naming_more_inputs_than_GitHub_allows_is_one_error_that_says_how_many()
    {
        var build = new ReleaseBuild();
        var describe = await _driver.RunAsync(build, ["--describe"], ReleaseBuild.Defaults);
        Assert.Equal(0, describe.ExitCode);
        var names = build.Description!.Parameters.Where(p => !p.IsSecret && p.Component is not ("IGitHubWorkflows" or "IGitHubTriggers" or "IWebhookServer")).Take(26).Select(p => p.CliName).ToList();

        var result = await _driver.RunAsync(new ReleaseBuild(), ["--generate-workflow", "github", "--workflow-inputs", .. names], ReleaseBuild.Defaults);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "error: --workflow-inputs names 26 parameters, but GitHub allows 25 workflow_dispatch inputs. Name at most 25, or give none and the build's own parameters and the frequent ones are offered.",
            result.Error.Trim());
        Assert.False(File.Exists(Path.Combine(_driver.Root, ".github", "workflows", "deploy.yml")));
    }

    [Fact]
    public async Task Rollout_runs_once_with_Smoke_and_Notify_after_it_on_its_runner()
    {
        var build = new ReleaseBuild();
        var workflow = await GenerateAsync(build, "--channel", "ops");
        Assert.Equal(0, (await _driver.RunAsync(build, ["--describe", "--channel", "ops"], ReleaseBuild.Defaults)).ExitCode);

        Assert.Equal(["test-push", "rollout"], workflow.JobIds);
        Assert.Equal(["test-push"], workflow.Needs("rollout"));
        Assert.Equal("Rollout → (Smoke, Notify)", WorkflowFile.Scalar(workflow.Job("rollout"), "name"));
        Assert.Equal("Clone → Source → Restore → Compile → (Test, Image → Push)", WorkflowFile.Scalar(workflow.Job("test-push"), "name"));
        Assert.Equal("./build.sh Test Push", workflow.Run("test-push"));
        Assert.Equal("./build.sh Smoke --skip Clone Source Restore Compile Test Image Push", workflow.Run("rollout"));
        Assert.Equal(["Rollout", "Smoke", "Notify"], JobRuns.Of(workflow, build.Description!)["rollout"]);
        JobRuns.AssertEachTargetRunsOnce(workflow, build.Description!);

        // The rollout job gets the pushed digest, and nothing a parameter of another meaning would misread.
        Assert.Equal(["DEPLOY_DIGEST"], ((YamlMappingNode)workflow.Job("rollout")["env"]).Children.Keys.Select(k => k.ToString()));
    }

    public void Dispose() => _driver.Dispose();
}
