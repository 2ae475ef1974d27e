using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Building;

/// <summary>Image and Push parameters are checked while planning: exit 2, nothing run, whether or not an engine answers.</summary>
public sealed class ImageParameterTests
{
    private const string NoEngine = "unix:///nonexistent/docker.sock";

    [Theory]
    [InlineData("Image", new[] { "--image-name", "Bad Name" }, "The image name 'Bad Name' is not valid")]
    [InlineData("Image", new[] { "--registry", "http://" }, "The registry 'http://' is not valid")]
    [InlineData("Image", new[] { "--image-tags", "-bad" }, "The image tag '-bad' is not valid")]
    [InlineData("Image", new[] { "--build-args", "NOVALUE" }, "The build argument 'NOVALUE' is not KEY=VALUE")]
    [InlineData("Image", new[] { "--docker-target", "nosuch" }, "--docker-target 'nosuch' names a stage, but the Dockerfile")]
    [InlineData("Image", new[] { "--dockerfile", "../Dockerfile" }, "is outside the build context")]
    [InlineData("Push", new[] { "--registry", "127.0.0.1:5000", "--push-retries", "99" }, "--push-retries 99 is out of range. Give 0 to 20.")]
    [InlineData("Push", new[] { "--registry", "127.0.0.1:5000", "--registry-username", "alice" }, "Only one of --registry-username and --registry-password was given.")]
    public async Task A_bad_parameter_is_refused_before_anything_runs(string target, string[] arguments, string expected)
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\n");

        using var run = await ImageRun.StartAsync(context, NoEngine, target, null, arguments);

        EngineTests.NothingRan(run.Result);
        Assert.Contains(expected, run.Result.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: ", run.Result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Preflight", run.Result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_of_Image_and_Push_is_reported_at_once()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch\nFORM oops\n");

        using var run = await ImageRun.StartAsync(context, NoEngine, "Push", null, "--registry", "http://", "--image-name", "Bad Name", "--push-retries", "-1");

        EngineTests.NothingRan(run.Result);
        Assert.Contains("Nothing ran (4 problems).", run.Result.Error, StringComparison.Ordinal);
        Assert.Contains("unknown instruction 'FORM'", run.Result.Error, StringComparison.Ordinal);
    }
}
