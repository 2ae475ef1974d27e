using Deploy.DotNet.Tests.Support;

namespace Deploy.DotNet.Tests;

/// <summary>
/// Restore, Compile and Test on the sample in a git checkout, run again in the same root: what they declare as inputs
/// (the tracked files, the toolchain's version, the configuration) decides what runs again.
/// </summary>
public sealed class UpToDateTests : IDisposable
{
    private readonly TempDirectory _source = new("deploy-sample-uptodate");
    private readonly BuildDriver _driver = new();

    public UpToDateTests()
    {
        File.Copy(Path.Combine(Repository.Root, "Directory.Build.props"), Path.Combine(_source.Path, "Directory.Build.props"));
        File.Copy(Path.Combine(Repository.Root, "Directory.Packages.props"), Path.Combine(_source.Path, "Directory.Packages.props"));
        Repository.Copy(Repository.Sample, Path.Combine(_source.Path, "samples", "hello-service"));
    }

    public void Dispose()
    {
        _driver.Dispose();
        _source.Dispose();
    }

    private async Task<BuildResult> RunAsync(params string[] args)
    {
        var result = await _driver.RunAsync(new ServiceBuild(_source.Path), ["Test", "--project", "samples/hello-service", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private Task<string> GitAsync(params string[] args) => TestProcess.RunToSuccessAsync("git",
        ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", .. args], _source.Path);

    [Fact]
    public async Task A_rerun_restores_the_cached_test_result_and_a_changed_test_reruns_only_test()
    {
        await GitAsync("init", "-q");
        await GitAsync("add", "-A");
        await GitAsync("commit", "-q", "-m", "sample");
        var first = await RunAsync();
        var tests = first.OutputOf("Test", "tests") ?? "";
        var passed = tests[..tests.IndexOf(',', StringComparison.Ordinal)];

        // Nothing changed: all three are up to date, Test's passing result is the one recorded.
        var rerun = await RunAsync();
        Assert.Equal("UpToDate", rerun.StatusOf("Restore"));
        Assert.Equal("UpToDate", rerun.StatusOf("Compile"));
        Assert.Equal("UpToDate", rerun.StatusOf("Test"));
        Assert.DoesNotContain("> dotnet", rerun.Output, StringComparison.Ordinal);
        Assert.Matches(@$"Test\s+UpToDate .*tests: {passed} \(cached from \d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)", rerun.Output);

        // A file git ignores (bin/, obj/) or that is not the service's changes nothing.
        File.WriteAllText(Path.Combine(_source.Path, "samples", "hello-service", "src", "HelloService", "bin", "stray.txt"), "stray");
        Assert.Equal("UpToDate", (await RunAsync()).StatusOf("Compile"));

        // A changed test: Test builds and runs it; Compile, which does not read the tests, stays up to date.
        var testFile = Path.Combine(_source.Path, "samples", "hello-service", "tests", "HelloService.Tests", "BuildInfoTests.cs");
        File.AppendAllText(testFile, "\n// changed\n");
        var changedTest = await RunAsync();
        Assert.Equal("UpToDate", changedTest.StatusOf("Restore"));
        Assert.Equal("UpToDate", changedTest.StatusOf("Compile"));
        Assert.Equal("Succeeded", changedTest.StatusOf("Test"));
        // The source is outside the build's root, so the reason names the file by its full path.
        Assert.Matches(@"Test runs: /\S*/samples/hello-service/tests/HelloService.Tests/BuildInfoTests.cs changed", changedTest.Output);
        Assert.Equal(tests, changedTest.OutputOf("Test", "tests"));

        // A changed service file: Compile and Test run; Restore, which reads only project and package files, does not.
        File.AppendAllText(Path.Combine(_source.Path, "samples", "hello-service", "src", "HelloService", "Greeting.cs"), "\n// changed\n");
        var changedSource = await RunAsync();
        Assert.Equal("UpToDate", changedSource.StatusOf("Restore"));
        Assert.Equal("Succeeded", changedSource.StatusOf("Compile"));
        Assert.Equal("Succeeded", changedSource.StatusOf("Test"));
        Assert.Matches(@"Compile runs: /\S*/samples/hello-service/src/HelloService/Greeting.cs changed", changedSource.Output);
    }
}
