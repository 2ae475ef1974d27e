using Deploy.Build;
using Deploy.GitHub.Tests.Support;

namespace Deploy.GitHub.Tests.Workflows;

public sealed class TriggerShapeTests : IDisposable
{
    private readonly BuildDriver _driver = new();

    /// <summary>Compile → {Test → (triggers) Notify, Package}, both Test and Package invoked by default.</summary>
    private sealed class TriggerBuild : DeployBuild, IGitHubWorkflows
    {
        public Target Compile => _ => _.Executes(() => { });

        public Target Test => _ => _.DependsOn(Compile).Executes(() => { });

        public Target Package => _ => _.DependsOn(Compile).After(Test).Executes(() => { }).Produces("archive", () => "a.zip");

        public Target Notify => _ => _.TriggeredBy(Test).Executes(() => { });
    }

    [Fact]
    public async Task A_job_names_the_repeated_target_that_triggers_its_own()
    {
        var result = await _driver.RunAsync(new TriggerBuild(), ["--generate-workflow", "github"], ["Test", "Package"]);
        Assert.True(result.ExitCode == 0, result.Error);
        var workflow = new WorkflowFile(File.ReadAllText(Path.Combine(_driver.Root, ".github", "workflows", "deploy.yml")));

        // Compile and Test both fork, so they have no job of their own: each job that needs them runs them again.
        // Notify is only triggered by Test, so its job names Test, which plans Notify.
        Assert.Equal(["package", "notify"], workflow.JobIds);
        Assert.Equal("./build.sh Package", workflow.Run("package"));
        Assert.Equal("./build.sh Test", workflow.Run("notify"));
        Assert.Empty(workflow.Needs("package"));
        Assert.Empty(workflow.Needs("notify"));
        Assert.Contains("# Compile, Test run again here", workflow.Text, StringComparison.Ordinal);
        Assert.Equal("${{ steps.build.outputs.archive }}", WorkflowFile.Scalar(workflow.Map("jobs", "package", "outputs"), "archive"));
    }

    public void Dispose() => _driver.Dispose();
}
