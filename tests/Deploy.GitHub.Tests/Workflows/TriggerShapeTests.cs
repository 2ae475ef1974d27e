using Deploy.Build;
using Deploy.GitHub.Tests.Support;

namespace Deploy.GitHub.Tests.Workflows;

public sealed class TriggerShapeTests : IDisposable
{
    private readonly BuildDriver _driver = new();

    /// <summary>Compile → {Test → (triggers) Notify, Package}, both Test and Package invoked by default.</summary>
    private sealed class TriggerBuild : DeployBuild, IGitHubWorkflows
    {
        private readonly DescriptionCapture _description = new();

        public BuildDescription? Description => _description.Build;

        public IBuildCommand Describe => _description;

        public Target Compile => _ => _.Executes(() => { });

        public Target Test => _ => _.DependsOn(Compile).Executes(() => { });

        public Target Package => _ => _.DependsOn(Compile).After(Test).Executes(() => { }).Produces("archive", () => "a.zip");

        public Target Notify => _ => _.TriggeredBy(Test).Executes(() => { });
    }

    [Fact]
    public async Task A_target_that_needs_one_and_only_runs_after_another_stays_on_its_runner_with_what_it_triggers()
    {
        var build = new TriggerBuild();
        var result = await _driver.RunAsync(build, ["--generate-workflow", "github"], ["Test", "Package"]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(0, (await _driver.RunAsync(build, ["--describe"], ["Test", "Package"])).ExitCode);
        var workflow = new WorkflowFile(File.ReadAllText(Path.Combine(_driver.Root, ".github", "workflows", "deploy.yml")));

        // Package needs only Compile (After Test only orders it) and Notify only Test, so nothing starts a job of its own:
        // one job, named after the targets it ends in, whose command plans Notify through Test.
        Assert.Equal(["package-notify"], workflow.JobIds);
        Assert.Equal("Compile → (Test → Notify, Package)", WorkflowFile.Scalar(workflow.Job("package-notify"), "name"));
        Assert.Equal("./build.sh Test Package", workflow.Run("package-notify"));
        JobRuns.AssertEachTargetRunsOnce(workflow, build.Description!);
        Assert.Equal("${{ steps.build.outputs.archive }}", WorkflowFile.Scalar(workflow.Map("jobs", "package-notify", "outputs"), "archive"));
    }

    /// <summary>Lint and Compile → Test side by side, Release needing both: two jobs that start the graph, one that joins them.</summary>
    private sealed class TwoRootsBuild : DeployBuild, IGitHubWorkflows
    {
        private readonly DescriptionCapture _description = new();

        public BuildDescription? Description => _description.Build;

        public IBuildCommand Describe => _description;

        public Target Lint => _ => _.Executes(() => { }).Produces("report", () => "lint.txt");

        public Target Compile => _ => _.Executes(() => { });

        public Target Test => _ => _.DependsOn(Compile).Executes(() => { });

        public Target Release => _ => _.DependsOn(Lint, Test).Executes(() => { });

        public Target Announce => _ => _.After(Release).Executes(() => { });
    }

    [Fact]
    public async Task Independent_branches_run_on_separate_runners_and_the_join_waits_for_both()
    {
        var build = new TwoRootsBuild();
        var result = await _driver.RunAsync(build, ["--generate-workflow", "github"], ["Release", "Announce"]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(0, (await _driver.RunAsync(build, ["--describe"], ["Release", "Announce"])).ExitCode);
        var workflow = new WorkflowFile(File.ReadAllText(Path.Combine(_driver.Root, ".github", "workflows", "deploy.yml")));

        // Announce only runs after Release: it needs nothing, so it is a job of its own that waits for Release's.
        Assert.Equal(["lint", "test", "release", "announce"], workflow.JobIds);
        Assert.Equal(["lint", "test"], workflow.Needs("release"));
        Assert.Equal(["release"], workflow.Needs("announce"));
        Assert.Equal("./build.sh Release --skip Lint Compile Test", workflow.Run("release"));
        Assert.Equal("./build.sh Announce", workflow.Run("announce"));
        JobRuns.AssertEachTargetRunsOnce(workflow, build.Description!);
    }

    public void Dispose() => _driver.Dispose();
}
