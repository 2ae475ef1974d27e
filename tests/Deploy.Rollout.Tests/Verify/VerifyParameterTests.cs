using Deploy.Rollout.Tests.Support;

namespace Deploy.Rollout.Tests.Verify;

/// <summary>
/// Bad gate parameters are refused while planning, each with one message naming the parameter and the fix (exit 2,
/// nothing run), and with no gate the Verify target is skipped saying why.
/// </summary>
public sealed class VerifyParameterTests
{
    [Theory]
    [InlineData(new[] { "--verify-url", "ftp://127.0.0.1/healthz" }, "--verify-url 'ftp://127.0.0.1/healthz' is not an http:// or https:// URL")]
    [InlineData(new[] { "--verify-query", "up == 1" }, "--verify-query 'up == 1' needs a Prometheus to ask, but --prometheus-url is not given")]
    [InlineData(new[] { "--verify-query", "up", "--prometheus-url", "ftp://127.0.0.1:9090" }, "--prometheus-url 'ftp://127.0.0.1:9090/' is not an http:// or https:// URL")]
    [InlineData(new[] { "--verify-url", "http://127.0.0.1/", "--verify-for", "0s" }, "--verify-for '00:00:00' is not a positive duration")]
    [InlineData(new[] { "--verify-url", "http://127.0.0.1/", "--verify-interval", "0s" }, "--verify-interval '00:00:00' is not a positive duration")]
    [InlineData(new[] { "--verify-url", "http://127.0.0.1/", "--verify-for", "10s", "--verify-interval", "1m" }, "--verify-interval '00:01:00' is longer than --verify-for '00:00:10'")]
    public async Task A_bad_gate_parameter_is_refused_before_anything_runs(string[] arguments, string expected)
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new VerifyBuild(), ["Rollout", "Verify", "--skip", "--docker-host", "unix:///nonexistent/docker.sock", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.True(result.NeverStarted, result.ToString());
        Assert.Contains("error: " + expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.RunRecord.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_inconclusive_mode_is_refused_naming_the_choices()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new VerifyBuild(), ["Rollout", "Verify", "--skip", "--verify-url", "http://127.0.0.1/", "--verify-inconclusive", "maybe"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--verify-inconclusive", result.Error, StringComparison.Ordinal);
        Assert.Contains("fail, pass", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("docker-context", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_gate_Verify_is_not_planned_and_the_plan_says_why()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new VerifyBuild(), ["Rollout", "Verify", "--skip", "--plan"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("no --verify-url or --verify-query is given, so nothing is verified after the rollout", result.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_gate_Rollout_triggers_Verify()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new VerifyBuild(), ["Rollout", "--skip", "--plan", "--verify-url", "http://127.0.0.1/"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Verify", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing is verified", result.Everything, StringComparison.Ordinal);
    }
}
