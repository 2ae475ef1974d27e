using Deploy.GitHub.Tests.Support;

namespace Deploy.GitHub.Tests.Webhooks;

public sealed class ServeOptionTests : IDisposable
{
    private readonly BuildDriver _driver = new();

    [Theory]
    [InlineData("https://127.0.0.1:8080", "expected an http URL")]
    [InlineData("127.0.0.1:8080", "expected an http URL")]
    [InlineData("http://127.0.0.1:8080/hooks", "give only scheme, host and port")]
    [InlineData("http://example.com:8080", "must be an IP address or localhost")]
    public async Task A_bad_listen_address_is_refused_with_the_fix(string listen, string message)
    {
        var result = await _driver.RunAsync(new PipelineBuild(), ["--serve", "--listen", listen, "--webhook-secret", "s"], PipelineBuild.Defaults);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Invalid --listen '{listen}'", result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serving_without_a_webhook_secret_is_refused()
    {
        var result = await _driver.RunAsync(new PipelineBuild(), ["--serve"], PipelineBuild.Defaults);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--serve needs --webhook-secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_webhook_secret_never_shows_in_an_error()
    {
        var result = await _driver.RunAsync(new PipelineBuild(), ["--serve", "--listen", "ftp://x", "--webhook-secret", "hunter2-very-secret"], PipelineBuild.Defaults);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("hunter2-very-secret", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serving_a_build_without_a_ref_parameter_is_refused()
    {
        var result = await _driver.RunAsync(new NoRefBuild(), ["--serve", "--webhook-secret", "s"], ["Work"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("this build has no ref parameter", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _driver.Dispose();

    private sealed class NoRefBuild : Deploy.Build.DeployBuild, IWebhookServer
    {
        public Deploy.Build.Target Work => _ => _.Executes(() => { });
    }
}
