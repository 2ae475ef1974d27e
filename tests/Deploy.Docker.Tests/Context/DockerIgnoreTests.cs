using Deploy.Docker.Context;

namespace Deploy.Docker.Tests.Context;

/// <summary>.dockerignore rules as Docker applies them (moby/patternmatcher), without an engine.</summary>
public sealed class DockerIgnoreTests
{
    private static DockerIgnore Rules(params string[] lines) => new(lines, [".dockerignore", "Dockerfile"]);

    [Theory]
    [InlineData("a.log", true)]
    [InlineData("dir/a.log", false)] // '*' does not cross '/'
    [InlineData("a.txt", false)]
    public void A_star_matches_within_one_directory(string path, bool excluded) =>
        Assert.Equal(excluded, Rules("*.log").Excludes(path));

    [Theory]
    [InlineData("a.log")]
    [InlineData("dir/a.log")]
    [InlineData("dir/sub/deeper/a.log")]
    public void A_double_star_matches_any_number_of_directories(string path) =>
        Assert.True(Rules("**/*.log").Excludes(path));

    [Theory]
    [InlineData("docs/a.md", true)]
    [InlineData("docs/x/y/a.md", true)]
    [InlineData("a.md", false)]
    [InlineData("docs/a.txt", false)]
    public void A_double_star_in_the_middle_matches_zero_or_more_directories(string path, bool excluded) =>
        Assert.Equal(excluded, Rules("docs/**/*.md").Excludes(path));

    [Fact]
    public void An_exception_re_includes_a_file_an_earlier_line_excluded()
    {
        var rules = Rules("*.log", "!keep.log");

        Assert.True(rules.Excludes("other.log"));
        Assert.False(rules.Excludes("keep.log"));
    }

    [Fact]
    public void The_last_matching_line_wins()
    {
        var rules = Rules("!keep.log", "*.log");

        Assert.True(rules.Excludes("keep.log"));
    }

    [Fact]
    public void A_directory_pattern_excludes_everything_below_it()
    {
        var rules = Rules("temp");

        Assert.True(rules.Excludes("temp"));
        Assert.True(rules.Excludes("temp/a/b.txt"));
        Assert.False(rules.Excludes("template.txt"));
    }

    [Fact]
    public void An_exception_inside_an_excluded_directory_brings_that_file_back()
    {
        var rules = Rules("secrets", "!secrets/public.pem");

        Assert.True(rules.HasExceptions);
        Assert.True(rules.Excludes("secrets/private.pem"));
        Assert.False(rules.Excludes("secrets/public.pem"));
    }

    [Theory]
    [InlineData("/build")]
    [InlineData("./build")]
    [InlineData("build/")]
    [InlineData("  build  ")]
    [InlineData("other/../build")]
    public void Leading_slashes_dots_and_trailing_slashes_are_cleaned(string line) =>
        Assert.True(Rules(line).Excludes("build/out.dll"));

    [Fact]
    public void Comments_and_blank_lines_are_not_patterns()
    {
        var rules = Rules("# a.txt", "", "   ");

        Assert.False(rules.Excludes("a.txt"));
        Assert.False(rules.Excludes("# a.txt"));
    }

    [Fact]
    public void The_Dockerfile_and_the_dockerignore_are_always_sent()
    {
        var rules = Rules("*", "**");

        Assert.False(rules.Excludes("Dockerfile"));
        Assert.False(rules.Excludes(".dockerignore"));
        Assert.True(rules.Excludes("anything/else"));
    }

    [Theory]
    [InlineData("a1.txt", true)]
    [InlineData("a12.txt", false)]
    [InlineData("b.txt", true)]
    [InlineData("c.txt", false)]
    public void Question_marks_and_classes_match_one_character(string path, bool excluded) =>
        Assert.Equal(excluded, Rules("a?.txt", "[b].txt").Excludes(path));

    [Fact]
    public void A_negated_class_matches_the_characters_it_does_not_list()
    {
        var rules = Rules("[!a]x");

        Assert.True(rules.Excludes("bx"));
        Assert.False(rules.Excludes("ax"));
    }

    [Fact]
    public void A_backslash_escapes_a_wildcard()
    {
        var rules = Rules(@"star\*");

        Assert.True(rules.Excludes("star*"));
        Assert.False(rules.Excludes("starlight"));
    }
}
