using Deploy.Build.Fingerprints;

namespace Deploy.Build.Tests.UpToDate;

/// <summary>Input patterns mean what the same line means in a .gitignore (https://git-scm.com/docs/gitignore).</summary>
public sealed class PathPatternTests
{
    [Theory]
    [InlineData("*.cs", "Program.cs", false, true)]
    [InlineData("*.cs", "src/Orders/Order.cs", false, true)]
    [InlineData("*.cs", "Program.csx", false, false)]
    [InlineData("/Program.cs", "Program.cs", false, true)]
    [InlineData("/Program.cs", "src/Program.cs", false, false)]
    [InlineData("bin/", "bin", true, true)]
    [InlineData("bin/", "src/bin", true, true)]
    [InlineData("bin/", "bin", false, false)]
    [InlineData("doc/frotz", "doc/frotz", false, true)]
    [InlineData("doc/frotz", "a/doc/frotz", false, false)]
    [InlineData("**/foo", "foo", false, true)]
    [InlineData("**/foo", "a/b/foo", true, true)]
    [InlineData("foo/**", "foo/a", false, true)]
    [InlineData("foo/**", "foo/a/b", false, true)]
    [InlineData("foo/**", "foo", true, false)]
    [InlineData("a/**/b", "a/b", false, true)]
    [InlineData("a/**/b", "a/x/y/b", false, true)]
    [InlineData("a/**/b", "a/x/c", false, false)]
    [InlineData("[abc].txt", "b.txt", false, true)]
    [InlineData("[abc].txt", "d.txt", false, false)]
    [InlineData("[!a].txt", "b.txt", false, true)]
    [InlineData("[a-c]?.log", "bx.log", false, true)]
    [InlineData("?.cs", "ab.cs", false, false)]
    [InlineData("\\#hash", "#hash", false, true)]
    [InlineData("foo\\ ", "foo ", false, true)]
    [InlineData("foo   ", "foo", false, true)]
    [InlineData("*", ".hidden", false, true)]
    [InlineData("src/*.cs", "src/a/b.cs", false, false)]
    public void A_pattern_matches_as_in_a_gitignore(string pattern, string path, bool isDirectory, bool matches)
    {
        var parsed = PathPattern.Parse(pattern);

        Assert.NotNull(parsed);
        Assert.Equal(matches, parsed.Matches(path, path[(path.LastIndexOf('/') + 1)..], isDirectory));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# a comment")]
    [InlineData("!")]
    [InlineData("/")]
    public void Blank_lines_comments_and_empty_patterns_are_no_pattern(string line) => Assert.Null(PathPattern.Parse(line));

    [Fact]
    public void A_negated_pattern_says_so()
    {
        var parsed = PathPattern.Parse("!keep.log");

        Assert.True(parsed!.Negated);
        Assert.True(parsed.Matches("logs/keep.log", "keep.log", isDirectory: false));
    }
}
