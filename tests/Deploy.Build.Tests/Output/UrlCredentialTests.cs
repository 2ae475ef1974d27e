using Deploy.Build.Logging;

namespace Deploy.Build.Tests.Output;

public sealed class UrlCredentialTests
{
    [Theory]
    [InlineData("cloning https://ada:s3cr3t@git.example.com/repo.git", "cloning https://***@git.example.com/repo.git")]
    [InlineData("push to http://token@127.0.0.1:9091/metrics", "push to http://***@127.0.0.1:9091/metrics")]
    [InlineData("ssh://git@host:22/repo and https://u:p@x/y", "ssh://***@host:22/repo and https://***@x/y")]
    public void Credentials_in_any_url_are_masked(string text, string expected) =>
        Assert.Equal(expected, new SecretMasker().Apply(text));

    [Theory]
    [InlineData("https://example.com/path@2x.png")]
    [InlineData("mail ada@example.com")]
    [InlineData("no url at all")]
    public void Text_without_url_credentials_is_left_alone(string text) =>
        Assert.Equal(text, new SecretMasker().Apply(text));

    private sealed class PrintsUrl : DeployBuild
    {
        [Parameter("Where to push")] readonly Uri? Gateway = null;

        Target Show => _ => _.Executes(() => Log.Information("Pushing to {Url}", Gateway));
    }

    [Fact]
    public async Task A_url_parameter_with_credentials_never_reaches_the_log_or_an_error_unmasked()
    {
        using var driver = new BuildDriver();

        var run = await driver.RunAsync(new PrintsUrl(), ["Show", "--gateway", "http://ada:hunter2@127.0.0.1:9091/"]);
        var invalid = await driver.RunAsync(new PrintsUrl(), ["Show", "--gateway", "http://ada:hunter2@"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("http://***@127.0.0.1:9091/", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Output + run.LogFile, StringComparison.Ordinal);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("--gateway", invalid.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", invalid.Error, StringComparison.Ordinal);
    }
}
