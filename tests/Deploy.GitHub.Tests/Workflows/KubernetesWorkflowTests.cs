using Deploy.GitHub.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Deploy.GitHub.Tests.Workflows;

/// <summary>The rollout job of a build that deploys to Kubernetes: a kubeconfig from the KUBECONFIG secret, an environment.</summary>
public sealed class KubernetesWorkflowTests : IDisposable
{
    private static readonly string[] OtherJobs = ["test-push"];

    private readonly BuildDriver _driver = new();

    private async Task<WorkflowFile> GenerateAsync(Deploy.Build.DeployBuild build, params string[] extra)
    {
        var result = await _driver.RunAsync(build, ["--generate-workflow", "github", .. extra], PipelineBuild.Defaults);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        return new WorkflowFile(File.ReadAllText(Path.Combine(_driver.Root, ".github", "workflows", "deploy.yml")));
    }

    [Fact]
    public async Task The_rollout_job_writes_the_kubeconfig_secret_to_a_file_before_the_build_and_removes_it_after()
    {
        var workflow = await GenerateAsync(new KubernetesPipelineBuild(), "--rollout-target", "kubernetes");

        var names = workflow.Steps("rollout").Select(s =>
            s.Children.TryGetValue(new YamlScalarNode("uses"), out var uses) ? uses.ToString()
            : s.Children.TryGetValue(new YamlScalarNode("name"), out var name) ? name.ToString() : s["id"].ToString()).ToList();
        Assert.Equal(["actions/checkout@v4", "actions/setup-dotnet@v4", "actions/cache@v4", "Kubeconfig from the KUBECONFIG secret", "build", "Remove the kubeconfig"], names);
        var step = workflow.Step("rollout", "Kubeconfig from the KUBECONFIG secret");
        Assert.Equal("${{ secrets.KUBECONFIG }}", WorkflowFile.Scalar((YamlMappingNode)step["env"], "KUBECONFIG_CONTENT"));
        Assert.Equal("${{ always() }}", WorkflowFile.Scalar(workflow.Step("rollout", "Remove the kubeconfig"), "if"));
        Assert.All(OtherJobs, job => Assert.DoesNotContain(workflow.Steps(job), s => s.Children.ContainsKey(new YamlScalarNode("env"))));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(workflow.Text, @"secrets\.KUBECONFIG\b"));
        Assert.Equal(["contents"], workflow.Map("permissions").Children.Keys.Select(k => k.ToString()));
        Assert.Contains("run: |", workflow.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_step_writes_a_file_only_its_user_can_read_and_points_KUBECONFIG_at_it()
    {
        var workflow = await GenerateAsync(new KubernetesPipelineBuild(), "--rollout-target", "kubernetes");
        var script = workflow.Step("rollout", "Kubeconfig from the KUBECONFIG secret")["run"].ToString();
        var runnerTemp = Directory.CreateDirectory(Path.Combine(_driver.Root, "runner-temp")).FullName;
        var githubEnv = Path.Combine(_driver.Root, "github-env");

        var (code, output) = await BashAsync(script, ("KUBECONFIG_CONTENT", "apiVersion: v1\nkind: Config\n"), ("RUNNER_TEMP", runnerTemp), ("GITHUB_ENV", githubEnv));

        Assert.True(code == 0, output);
        var file = Path.Combine(runnerTemp, "kubeconfig");
        Assert.Equal("apiVersion: v1\nkind: Config\n\n", File.ReadAllText(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(file));
        Assert.Equal($"KUBECONFIG={file}\n", File.ReadAllText(githubEnv));
        Assert.DoesNotContain("apiVersion", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_that_deploys_to_Kubernetes_fails_the_step_without_the_secret_naming_it()
    {
        var workflow = await GenerateAsync(new KubernetesPipelineBuild(), "--rollout-target", "kubernetes");
        var script = workflow.Step("rollout", "Kubeconfig from the KUBECONFIG secret")["run"].ToString();

        var (code, output) = await BashAsync(script, ("KUBECONFIG_CONTENT", ""), ("RUNNER_TEMP", _driver.Root), ("GITHUB_ENV", Path.Combine(_driver.Root, "github-env")));

        Assert.Equal(1, code);
        Assert.Equal("::error::The KUBECONFIG secret is empty or missing: add the kubeconfig file's content as a repository secret (or a secret of the job's environment) named KUBECONFIG.", output.Trim());
        Assert.False(File.Exists(Path.Combine(_driver.Root, "github-env")));
    }

    [Fact]
    public async Task A_build_that_only_can_deploy_to_Kubernetes_goes_on_without_the_secret()
    {
        var workflow = await GenerateAsync(new KubernetesPipelineBuild());
        var script = workflow.Step("rollout", "Kubeconfig from the KUBECONFIG secret")["run"].ToString();

        var (code, output) = await BashAsync(script, ("KUBECONFIG_CONTENT", ""), ("RUNNER_TEMP", _driver.Root), ("GITHUB_ENV", Path.Combine(_driver.Root, "github-env")));

        Assert.Equal(0, code);
        Assert.StartsWith("No KUBECONFIG secret", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_without_Kubernetes_parameters_gets_no_kubeconfig_step()
    {
        var workflow = await GenerateAsync(new PipelineBuild());

        Assert.DoesNotContain("KUBECONFIG", workflow.Text, StringComparison.Ordinal);
        Assert.Equal(4, workflow.Steps("rollout").Count);
    }

    [Fact]
    public async Task The_workflow_environment_puts_only_the_rollout_job_in_that_GitHub_environment()
    {
        var workflow = await GenerateAsync(new KubernetesPipelineBuild(), "--workflow-environment", "production");

        Assert.Equal("production", WorkflowFile.Scalar(workflow.Job("rollout"), "environment"));
        Assert.All(OtherJobs, job => Assert.False(workflow.Job(job).Children.ContainsKey(new YamlScalarNode("environment"))));
        Assert.DoesNotContain(workflow.Map("on", "workflow_dispatch", "inputs").Children.Keys, k => k.ToString() == "workflow-environment");
    }

    [Fact]
    public async Task An_environment_name_GitHub_cannot_take_is_refused_with_the_rule()
    {
        var result = await _driver.RunAsync(new KubernetesPipelineBuild(), ["--generate-workflow", "github", "--workflow-environment", "${{ github.ref }}"], PipelineBuild.Defaults);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Invalid --workflow-environment '${{ github.ref }}': use the name of a GitHub environment", result.Error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> BashAsync(string script, params (string Name, string Value)[] environment)
    {
        // Only what the script is given: PATH, and the variables a workflow step would set.
        var result = await TestProcess.RunAsync("bash", ["-e", "-c", script], baseEnvironment: new Dictionary<string, string>(environment.Select(e => KeyValuePair.Create(e.Name, e.Value)))
        {
            ["PATH"] = "/usr/bin:/bin",
        });
        return (result.ExitCode, result.Output + result.Error);
    }

    public void Dispose() => _driver.Dispose();
}
