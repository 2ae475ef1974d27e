using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Output;

public sealed class VerbosityTests
{
    private sealed class Talk : DeployBuild
    {
        Target Speak => _ => _.Executes(() =>
        {
            Log.Debug("debug-line");
            Log.Information("info-line");
            Log.Warning("warning-line");
            Log.Error("error-line");
        });
    }

    /// <summary>Runs Speak; returns what it printed and its log file (read before the scratch root goes).</summary>
    private static async Task<(BuildResult Result, string LogFile)> RunAsync(string verbosity)
    {
        using var driver = new BuildDriver();
        var result = await driver.RunAsync(new Talk(), ["Speak", "--verbosity", verbosity]);
        RunAssert.ExitCode(0, result);
        return (result, result.LogFile);
    }

    private static void AssertShows(BuildResult result, bool debug, bool info, bool warning)
    {
        Assert.Equal(debug, result.Output.Contains("Speak  | debug-line", StringComparison.Ordinal));
        Assert.Equal(debug, result.Output.Contains("Starting Speak", StringComparison.Ordinal));
        Assert.Equal(info, result.Output.Contains("Speak  | info-line", StringComparison.Ordinal));
        Assert.Equal(info, result.Output.Contains("Speak succeeded in", StringComparison.Ordinal));
        Assert.Equal(warning, result.Output.Contains("Speak  | WRN warning-line", StringComparison.Ordinal));
        Assert.Contains("Speak  | ERR error-line", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_shows_errors_and_the_final_result_only()
    {
        var (result, logFile) = await RunAsync("quiet");

        AssertShows(result, debug: false, info: false, warning: false);
        Assert.Equal(2, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith("\nBuild succeeded.\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minimal_shows_warnings_and_errors_but_no_information_and_the_summary()
    {
        var (result, logFile) = await RunAsync("minimal");

        AssertShows(result, debug: false, info: false, warning: true);
        Assert.Contains("\nSpeak ", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("\nBuild succeeded.\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Normal_shows_information_but_no_debug_lines()
    {
        var (result, logFile) = await RunAsync("normal");

        AssertShows(result, debug: false, info: true, warning: true);
    }

    [Fact]
    public async Task Verbose_shows_debug_lines_too()
    {
        var (result, logFile) = await RunAsync("verbose");

        AssertShows(result, debug: true, info: true, warning: true);
    }

    [Theory]
    [InlineData("quiet")]
    [InlineData("normal")]
    public async Task The_log_file_has_everything_whatever_the_verbosity(string verbosity)
    {
        var (result, logFile) = await RunAsync(verbosity);

        foreach (var expected in new[] { "DBG Speak  | debug-line", "INF Speak  | info-line", "WRN Speak  | warning-line", "ERR Speak  | error-line" })
        {
            Assert.Contains(expected, logFile, StringComparison.Ordinal);
        }
    }
}
