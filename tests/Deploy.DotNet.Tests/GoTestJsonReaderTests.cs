using Deploy.DotNet.Testing;
using Deploy.DotNet.Toolchains;

namespace Deploy.DotNet.Tests;

public sealed class GoTestJsonReaderTests
{
    [Fact]
    public void It_counts_tests_and_subtests_and_keeps_failed_tests_output()
    {
        string[] events =
        [
            """{"Action":"run","Package":"example.com/calc","Test":"TestAdds"}""",
            """{"Action":"output","Package":"example.com/calc","Test":"TestAdds","Output":"=== RUN   TestAdds\n"}""",
            """{"Action":"pass","Package":"example.com/calc","Test":"TestAdds","Elapsed":0}""",
            """{"Action":"output","Package":"example.com/calc","Test":"TestSubtracts","Output":"=== RUN   TestSubtracts\n"}""",
            """{"Action":"output","Package":"example.com/calc","Test":"TestSubtracts","Output":"    calc_test.go:12: 3 - 1 = 2, want 1\n"}""",
            """{"Action":"output","Package":"example.com/calc","Test":"TestSubtracts","Output":"--- FAIL: TestSubtracts (0.00s)\n"}""",
            """{"Action":"fail","Package":"example.com/calc","Test":"TestSubtracts","Elapsed":0}""",
            """{"Action":"pass","Package":"example.com/calc","Test":"TestTable/one","Elapsed":0}""",
            """{"Action":"skip","Package":"example.com/calc","Test":"TestLater","Elapsed":0}""",
            """{"Action":"fail","Package":"example.com/calc","Elapsed":0.01}""",
            "not json",
        ];

        var results = GoTestJsonReader.Read(events);

        Assert.Equal("2 passed, 1 failed, 1 skipped", results.Summary.ToString());
        Assert.Equal(new FailedTest("example.com/calc TestSubtracts", "calc_test.go:12: 3 - 1 = 2, want 1"), Assert.Single(results.Summary.Failures));
        Assert.Equal(new GoPackageResult("example.com/calc", Passed: false), Assert.Single(results.Packages));
    }

    [Fact]
    public void A_package_that_fails_without_a_failed_test_is_a_failure_of_its_own()
    {
        string[] events =
        [
            """{"Action":"output","Package":"example.com/broken","Output":"FAIL\texample.com/broken [build failed]\n"}""",
            """{"Action":"fail","Package":"example.com/broken","Elapsed":0}""",
            """{"Action":"pass","Package":"example.com/fine","Elapsed":0}""",
        ];

        var results = GoTestJsonReader.Read(events);

        Assert.Equal("0 passed, 1 failed, 0 skipped", results.Summary.ToString());
        Assert.Equal("example.com/broken (package)", Assert.Single(results.Summary.Failures).Name);
        Assert.Contains("[build failed]", results.Summary.Failures[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("linux-x64", "linux", "amd64")]
    [InlineData("linux-musl-arm64", "linux", "arm64")]
    [InlineData("win-x86", "windows", "386")]
    [InlineData("osx-arm64", "darwin", "arm64")]
    public void Runtime_identifiers_map_to_GOOS_and_GOARCH(string runtime, string os, string architecture) =>
        Assert.Equal((os, architecture), GoPlatform.FromRuntime(runtime));

    [Fact]
    public void A_runtime_without_a_Go_equivalent_is_refused_with_its_name() =>
        Assert.Contains("'browser-wasm'", Assert.Throws<Deploy.Build.DeployException>(() => GoPlatform.FromRuntime("browser-wasm")).Message, StringComparison.Ordinal);
}
