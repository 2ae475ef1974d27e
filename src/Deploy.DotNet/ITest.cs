using Deploy.Build;
using Deploy.DotNet.Toolchains;

namespace Deploy.DotNet;

/// <summary>
/// The <c>Test</c> target: runs the service's tests on the compiled output and counts them
/// (<c>N passed, N failed, N skipped</c>); a failure names the failed tests with their messages.
/// </summary>
public interface ITest : ICompile
{
    [Parameter("Run only the tests this filter selects (dotnet test --filter; go test -run)")]
    string? TestFilter => GetParameter<string>();

    /// <summary>Where test results (TRX files, go test's JSON) are written (emptied first).</summary>
    string TestResultsDirectory => Path.Combine(TemporaryDirectory, "test-results");

    /// <summary>The counts and failures of the last test run; null until <c>Test</c> ran.</summary>
    TestSummary? TestResults => ToolchainState.Of(this).TestResults;

    /// <summary>
    /// Runs the tests (without compiling again when Compile ran). Up to date while the service's files, its tests
    /// included, the toolchain's version, the configuration, the filter and what Compile handed on are unchanged: then
    /// the passing result of that run is restored, and shows as <c>13 passed (cached from …)</c>.
    /// </summary>
    Target Test => _ => _
        .Description("Run the service's tests")
        .DependsOn<ICompile>(x => x.Compile)
        .Inputs(i => i
            .Value("service", ct => ServiceInputs.ListAsync(this, ct))
            .Files(() => ServiceInputs.TestFiles(this))
            .Value("toolchain version", ct => ServiceInputs.VersionAsync(this, ct))
            .Parameter(() => Configuration)
            .Parameter(() => TestFilter))
        .Produces("tests", () => TestResults?.ToString())
        .Outputs(() => TestResults, results => ToolchainState.Of(this).TestResults = results with { Cached = true })
        .Timeout(TimeSpan.FromHours(1))
        .Executes(ct => ToolchainDetector.Detect(this).TestAsync(this, ct));
}
