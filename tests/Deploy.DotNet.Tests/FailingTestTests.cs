using Deploy.DotNet.Tests.Fixtures;
using Deploy.DotNet.Tests.Support;

namespace Deploy.DotNet.Tests;

[Collection(SharesScratchProject.Name)]
public sealed class FailingTestTests(ScratchProject scratch)
{
    [Fact]
    public async Task A_failing_test_fails_Test_with_the_tests_name_and_message()
    {
        using var driver = new BuildDriver();
        var build = new ServiceBuild(scratch.Path);

        var result = await driver.RunAsync(build, ["Test", "--skip", "--project", "."]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Failed", result.StatusOf("Test"));
        var error = result.ErrorOf("Test")!;
        Assert.Contains("2 passed, 1 failed, 1 skipped. Failed tests:", error, StringComparison.Ordinal);
        Assert.Contains(ScratchProject.FailingTest, error, StringComparison.Ordinal);
        Assert.Contains("Assert.Equal() Failure", error, StringComparison.Ordinal);
        Assert.Equal("2 passed, 1 failed, 1 skipped", build.LastTestResults?.ToString());
        Assert.Matches(@"(?m) Test +\| Tests: 2 passed, 1 failed, 1 skipped$", result.Output);
    }

    [Fact]
    public async Task The_test_filter_selects_the_tests_that_run()
    {
        using var driver = new BuildDriver();
        var build = new ServiceBuild(scratch.Path);

        var result = await driver.RunAsync(build, ["Test", "--skip", "--project", ".", "--test-filter", "FullyQualifiedName~Adds"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("1 passed, 0 failed, 0 skipped", result.OutputOf("Test", "tests"));
    }
}
