using Deploy.GitHub.Tests.Support;

namespace Deploy.GitHub.Tests.Workflows;

public sealed class WorkflowCheckTests : IDisposable
{
    private readonly BuildDriver _driver = new();

    private string WorkflowPath => Path.Combine(_driver.Root, ".github", "workflows", "deploy.yml");

    private Task<BuildResult> RunAsync(params string[] args) => _driver.RunAsync(new PipelineBuild(), args, PipelineBuild.Defaults);

    [Fact]
    public async Task Check_passes_right_after_generating()
    {
        Assert.Equal(0, (await RunAsync("--generate-workflow", "github")).ExitCode);

        var check = await RunAsync("--generate-workflow", "github", "--check");

        Assert.Equal(0, check.ExitCode);
        Assert.Contains("is up to date", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_fails_on_a_stale_file_and_says_how_to_regenerate()
    {
        Assert.Equal(0, (await RunAsync("--generate-workflow", "github")).ExitCode);
        File.AppendAllText(WorkflowPath, "# edited by hand\n");
        var before = File.ReadAllText(WorkflowPath);

        var check = await RunAsync("--generate-workflow", "github", "--check");

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("is stale", check.Error, StringComparison.Ordinal);
        Assert.Contains("./build.sh --generate-workflow github", check.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(WorkflowPath));
    }

    [Fact]
    public async Task Check_fails_when_the_build_changed_the_parameters()
    {
        Assert.Equal(0, (await RunAsync("--generate-workflow", "github")).ExitCode);

        var check = await RunAsync("--generate-workflow", "github", "--check", "--branches", "trunk");

        Assert.Equal(1, check.ExitCode);
    }

    [Fact]
    public async Task Check_fails_when_there_is_no_file()
    {
        var check = await RunAsync("--generate-workflow", "github", "--check");

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("does not exist", check.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(WorkflowPath));
    }

    [Theory]
    [InlineData("gitlab", "knows 'github', but got 'gitlab'")]
    [InlineData("", "knows 'github', but got ''")]
    public async Task An_unknown_CI_system_is_refused(string platform, string message)
    {
        var result = await RunAsync(platform.Length == 0 ? ["--generate-workflow"] : ["--generate-workflow", platform]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_driver.Root, ".github")));
    }

    [Theory]
    [InlineData("--workflow-name", "../escape", "Invalid --workflow-name '../escape'")]
    [InlineData("--branches", "-x", "Invalid branch '-x'")]
    [InlineData("--workflow-inputs", "git-token", "names 'git-token', a secret")]
    [InlineData("--workflow-inputs", "nope", "names 'nope', which is not a parameter")]
    public async Task Bad_settings_are_refused_with_the_fix(string option, string value, string message)
    {
        var result = await RunAsync("--generate-workflow", "github", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_driver.Root, ".github")));
    }

    [Fact]
    public async Task Target_names_with_the_command_are_refused()
    {
        var result = await RunAsync("Test", "--generate-workflow", "github");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--generate-workflow runs no targets, but got 'Test'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_without_the_command_is_an_unknown_parameter()
    {
        var result = await RunAsync("--check");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown parameter --check", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_command()
    {
        var result = await RunAsync("--help");

        Assert.Contains("--generate-workflow github [--check]", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _driver.Dispose();
}
