using Deploy.GitHub.Tests.Support;

namespace Deploy.GitHub.Tests.Workflows;

/// <summary>
/// Runs the npm package @action-validator/cli (GitHub's workflow schema) on the generated file. It is found at
/// $ACTION_VALIDATOR or as action-validator on PATH (npm install -g @action-validator/cli).
/// </summary>
public sealed class ActionValidatorTests : IDisposable
{
    private readonly BuildDriver _driver = new();

    [ActionValidatorFact]
    public async Task The_generated_workflow_passes_action_validator()
    {
        var validator = ActionValidatorFactAttribute.Path
            ?? throw new InvalidOperationException("action-validator is not installed (CI=true): npm install -g @action-validator/cli, or set ACTION_VALIDATOR.");
        foreach (var (build, defaults, options) in new (Deploy.Build.DeployBuild, string[], string[])[]
        {
            (new PipelineBuild(), PipelineBuild.Defaults, []),
            (new StockShapeBuild(), StockShapeBuild.Defaults, []),
            (new KubernetesPipelineBuild(), PipelineBuild.Defaults, ["--rollout-target", "kubernetes", "--workflow-environment", "production"]),
            (new ReleaseBuild(), ReleaseBuild.Defaults, []),
            (new ReleaseBuild(), ReleaseBuild.Defaults, ["--rollout-target", "kubernetes", "--workflow-environment", "production"]),
        })
        {
            Assert.Equal(0, (await _driver.RunAsync(build, ["--generate-workflow", "github", .. options], defaults)).ExitCode);
            var file = Path.Combine(_driver.Root, ".github", "workflows", "deploy.yml");

            var result = await TestProcess.RunAsync(validator, [file]);

            Assert.True(result.ExitCode == 0, $"action-validator rejected the workflow of {build.GetType().Name}:\n{result.Output}\n{result.Error}\n{File.ReadAllText(file)}");
        }
    }

    public void Dispose() => _driver.Dispose();
}
