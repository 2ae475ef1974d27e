using Deploy.Git.Tests.Support;

namespace Deploy.Git.Tests;

/// <summary>Bad parameters are refused while planning (exit 2, Clone never starts), each with a message naming the parameter.</summary>
public sealed class ValidationTests : IDisposable
{
    private readonly BuildDriver _driver = new();

    [Theory]
    [InlineData("--depth", "-1", "--depth -1 is negative. Pass 0 for the full history, or the number of commits to fetch (1 = the commit only).")]
    [InlineData("--repository", "ftp://example.com/x.git", "--repository 'ftp://example.com/x.git' uses the scheme 'ftp', which git cannot clone from.")]
    [InlineData("--repository", "no/such/dir", "--repository 'no/such/dir' is neither a URL (https://, http://, ssh://, git://, file://, user@host:path) nor an existing directory.")]
    [InlineData("--ssh-key", "missing_key", "--ssh-key 'missing_key' does not exist")]
    [InlineData("--ref", "bad..ref", "--ref 'bad..ref' is not a valid branch, tag or commit name.")]
    [InlineData("--git-retries", "-2", "--git-retries -2 is negative.")]
    public async Task A_bad_value_fails_with_a_message_naming_the_parameter(string parameter, string value, string message)
    {
        var arguments = parameter == "--repository" ? new[] { parameter, value } : ["--repository", "https://example.com/x.git", parameter, value];

        var result = await Clones.InvalidAsync(_driver, arguments);

        Assert.Contains("error: " + message, result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.RunRecordText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        var result = await Clones.InvalidAsync(_driver, "--repository", "ftp://x/y", "--depth", "-3", "--ssh-key", "nope");

        Assert.Contains("Nothing ran (3 problems).", result.Error, StringComparison.Ordinal);
        Assert.Contains("error: --repository 'ftp://x/y'", result.Error, StringComparison.Ordinal);
        Assert.Contains("error: --depth -3", result.Error, StringComparison.Ordinal);
        Assert.Contains("error: --ssh-key 'nope'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_in_a_bad_url_is_not_repeated()
    {
        var result = await Clones.InvalidAsync(_driver, "--repository", "gopher://user:hunter2secret@example.com/x.git");

        Assert.DoesNotContain("hunter2secret", result.Everything + result.LogFile + result.RunRecordText, StringComparison.Ordinal);
        Assert.Contains("gopher://***@example.com/x.git", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _driver.Dispose();
}
