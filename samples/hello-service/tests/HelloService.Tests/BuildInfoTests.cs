namespace HelloService.Tests;

public sealed class BuildInfoTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Theory]
    [InlineData("1.0.0+3f2c1ab", "3f2c1ab")]
    [InlineData("1.0.0-beta+0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123456789abcdef01234567")]
    public void The_commit_is_the_informational_versions_build_metadata(string version, string commit) =>
        Assert.Equal(commit, BuildInfo.Commit(version, NoEnvironment));

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.0.0+")]
    [InlineData(null)]
    public void Without_a_stamped_commit_the_COMMIT_variable_is_used(string? version) =>
        Assert.Equal("abc1234", BuildInfo.Commit(version, name => name == "COMMIT" ? "abc1234" : null));

    [Fact]
    public void Without_either_the_commit_is_unknown() =>
        Assert.Equal("unknown", BuildInfo.Commit("1.0.0", NoEnvironment));
}
