using Deploy.Build.Cli;

namespace Deploy.Build.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void Targets_come_first_and_options_follow()
    {
        var line = CommandLine.Parse(["Compile", "Test", "--parallel", "2", "--keep-going"]);

        Assert.Empty(line.Problems);
        Assert.Equal(["Compile", "Test"], line.Targets);
        Assert.Equal(2, line.Parallel);
        Assert.True(line.KeepGoing);
    }

    [Fact]
    public void No_arguments_mean_the_defaults()
    {
        var line = CommandLine.Parse([]);

        Assert.Empty(line.Problems);
        Assert.Empty(line.Targets);
        Assert.Null(line.Skip);
        Assert.Null(line.Parallel);
        Assert.Equal(Verbosity.Normal, line.Verbosity);
        Assert.False(line.Plan || line.Help || line.KeepGoing || line.Continue || line.NoProgress);
    }

    [Fact]
    public void Switches_given_alone_are_on()
    {
        var line = CommandLine.Parse(["--plan", "--continue", "--help", "--no-progress"]);

        Assert.Empty(line.Problems);
        Assert.True(line.NoProgress);
        Assert.True(line.Plan);
        Assert.True(line.Continue);
        Assert.True(line.Help);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("-?")]
    [InlineData("--HELP")]
    public void Help_has_short_forms_and_any_case(string token)
    {
        Assert.True(CommandLine.Parse([token]).Help);
    }

    [Theory]
    [InlineData("--keep-going")]
    [InlineData("--KeepGoing")]
    [InlineData("--keep_going")]
    [InlineData("--keep-going=true")]
    public void Option_names_match_case_insensitively_with_or_without_separators(string token)
    {
        var line = CommandLine.Parse([token]);

        Assert.Empty(line.Problems);
        Assert.True(line.KeepGoing);
    }

    [Fact]
    public void A_switch_followed_by_a_word_that_is_not_a_boolean_is_a_problem()
    {
        var line = CommandLine.Parse(["--plan", "Compile"]);

        var problem = Assert.Single(line.Problems);
        Assert.Contains("--plan is a switch and takes no value, but got 'Compile'. Targets come before options.", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_switch_can_be_turned_off_explicitly()
    {
        var line = CommandLine.Parse(["--keep-going", "false"]);

        Assert.Empty(line.Problems);
        Assert.False(line.KeepGoing);
    }

    [Fact]
    public void An_inline_value_after_an_equals_sign_is_the_options_only_value()
    {
        var line = CommandLine.Parse(["Deploy", "--parallel=3", "--pushgateway-url=http://host:9091/a=b", "--root=../repo"]);

        Assert.Empty(line.Problems);
        Assert.Equal(["Deploy"], line.Targets);
        Assert.Equal(3, line.Parallel);
        Assert.Equal("../repo", line.Root);
        var parameter = Assert.Single(line.Parameters);
        Assert.Equal("pushgateway-url", parameter.Name);
        Assert.Equal(["http://host:9091/a=b"], parameter.Values);
    }

    [Fact]
    public void Options_that_are_not_the_engines_are_parameters_with_all_their_values_in_order()
    {
        var line = CommandLine.Parse(["--labels", "a", "b", "--dry-run", "--labels", "c"]);

        Assert.Empty(line.Problems);
        Assert.Equal(["labels", "dry-run", "labels"], line.Parameters.Select(p => p.Name));
        Assert.Equal(["a", "b"], line.Parameters[0].Values);
        Assert.Empty(line.Parameters[1].Values);
        Assert.Equal(["c"], line.Parameters[2].Values);
    }

    [Fact]
    public void Skip_alone_is_an_empty_list_and_with_names_lists_them()
    {
        var alone = CommandLine.Parse(["Test", "--skip", "--plan"]);
        var named = CommandLine.Parse(["Test", "--skip", "Restore", "Compile"]);

        Assert.NotNull(alone.Skip);
        Assert.Empty(alone.Skip);
        Assert.True(alone.Plan);
        Assert.Equal(["Restore", "Compile"], named.Skip);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1.5")]
    public void A_parallel_value_that_is_not_a_whole_number_of_at_least_one_is_a_problem(string value)
    {
        var line = CommandLine.Parse(["--parallel", value]);

        var problem = Assert.Single(line.Problems);
        Assert.StartsWith($"Invalid value '{value}' for --parallel: expected", problem, StringComparison.Ordinal);
        Assert.Null(line.Parallel);
    }

    [Fact]
    public void Parallel_without_a_value_is_a_problem()
    {
        var line = CommandLine.Parse(["--parallel"]);

        Assert.Single(line.Problems);
        Assert.Null(line.Parallel);
    }

    [Theory]
    [InlineData("quiet", "Quiet")]
    [InlineData("MINIMAL", "Minimal")]
    [InlineData("Verbose", "Verbose")]
    // Verbosity is internal (not part of the public API), so the theory names the expected level as text.
    public void Verbosity_levels_match_case_insensitively(string value, string expected)
    {
        var line = CommandLine.Parse(["--verbosity", value]);

        Assert.Empty(line.Problems);
        Assert.Equal(Enum.Parse<Verbosity>(expected), line.Verbosity);
    }

    [Fact]
    public void An_unknown_verbosity_is_a_problem_that_lists_the_levels()
    {
        var line = CommandLine.Parse(["--verbosity", "loud"]);

        var problem = Assert.Single(line.Problems);
        Assert.Equal("Invalid value 'loud' for --verbosity: expected one of quiet, minimal, normal, verbose.", problem);
        Assert.Equal(Verbosity.Normal, line.Verbosity);
    }

    [Fact]
    public void Root_and_profile_take_exactly_one_value()
    {
        var good = CommandLine.Parse(["--root", "/repo", "--profile", "ci"]);
        var bad = CommandLine.Parse(["--root", "/a", "/b"]);

        Assert.Empty(good.Problems);
        Assert.Equal("/repo", good.Root);
        Assert.Equal("ci", good.Profile);
        Assert.Contains("takes exactly one value (a directory), but got 2", Assert.Single(bad.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_name_that_could_leave_the_nuke_directory_is_a_problem()
    {
        var line = CommandLine.Parse(["--profile", "../secrets"]);

        Assert.Single(line.Problems);
        Assert.Null(line.Profile);
    }

    [Fact]
    public void Every_problem_of_the_command_line_is_collected()
    {
        var line = CommandLine.Parse(["--parallel", "0", "--verbosity", "loud", "--plan", "x"]);

        Assert.Equal(3, line.Problems.Count);
    }
}
