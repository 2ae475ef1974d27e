using Deploy.Git.Clone;

namespace Deploy.Git.Tests;

/// <summary>Parsing --repository: transports, masking, identity, relative submodule URLs.</summary>
public sealed class RepositoryAddressTests
{
    private static RepositoryAddress Parse(string text)
    {
        var address = RepositoryAddress.TryParse(text, Path.GetTempPath(), "--repository", out var problem);
        Assert.True(address is not null, problem);
        return address;
    }

    [Theory]
    [InlineData("https://github.com/org/app.git", "Http", "app")]
    [InlineData("http://host:8080/app", "Http", "app")]
    [InlineData("ssh://git@host:2222/org/app.git", "Ssh", "app")]
    [InlineData("git@github.com:org/app.git", "Ssh", "app")]
    [InlineData("git://host/app.git", "Git", "app")]
    public void A_url_is_classified_and_named(string url, string transport, string name)
    {
        var address = Parse(url);

        Assert.Equal(transport, address.Transport.ToString());
        Assert.Equal(name, address.Name);
    }

    [Fact]
    public void A_password_is_kept_out_of_the_url_and_the_display()
    {
        var address = Parse("https://me:s3cr%40t@example.com/org/app.git");

        Assert.Equal("me", address.UserName);
        Assert.Equal("s3cr@t", address.Password);
        Assert.Equal("https://me@example.com/org/app.git", address.Url);
        Assert.Equal("https://***@example.com/org/app.git", address.Display);
    }

    [Fact]
    public void The_same_repository_spelled_differently_has_one_identity()
    {
        var a = Parse("https://token@GitHub.com/org/app.git");
        var b = Parse("https://github.com/org/app/");

        Assert.True(a.SameRepositoryAs(b));
        Assert.False(a.SameRepositoryAs(Parse("https://github.com/org/other.git")));
    }

    [Theory]
    [InlineData("https://host/org/app.git", "../lib.git", "https://host/org/lib.git")]
    [InlineData("https://host/org/app.git", "./lib.git", "https://host/org/app.git/lib.git")]
    [InlineData("ssh://git@host/org/app.git", "../../other/lib", "ssh://git@host/other/lib")]
    [InlineData("git@host:org/app.git", "../lib.git", "git@host:org/lib.git")]
    public void A_relative_submodule_url_resolves_against_the_superproject(string superproject, string relative, string expected)
    {
        var resolved = Parse(superproject).Resolve(relative, out var problem);

        Assert.True(resolved is not null, problem);
        Assert.Equal(expected, resolved.Url);
    }

    [Fact]
    public void Credentials_in_text_that_is_no_url_are_masked()
    {
        Assert.Equal("fatal: https://***@host/x failed", CredentialScrubberFor("tok").Apply("fatal: https://user:tok@host/x failed"));
        Assert.Equal("token *** and ***", CredentialScrubberFor("a/b c").Apply("token a/b c and a%2Fb%20c"));
    }

    private static CredentialScrubber CredentialScrubberFor(string secret) => new(secret);
}
