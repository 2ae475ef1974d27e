using Deploy.Build.Tests.Planning;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Parameters;

public sealed class BadParameterValueTests
{
    [Fact]
    public async Task A_bad_number_names_the_parameter_the_value_its_source_and_the_expected_form()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--retries", "many"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Invalid value 'many' for parameter --retries (from the command line): expected a whole number such as 4.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_duration_from_the_environment_names_the_variable()
    {
        using var driver = new BuildDriver();
        driver.Environment["DEPLOY_TIMEOUT"] = "5";
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Invalid value '5' for parameter --timeout (from environment variable DEPLOY_TIMEOUT): expected a duration such as 90s, 5m, 1h30m or 00:05:00.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_enum_value_from_the_parameters_file_lists_the_allowed_values()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "Environment": "qa" }""");
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Invalid value 'qa' for parameter --environment (from .nuke/parameters.json): expected one of development, staging, production.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--endpoint", "localhost:9091", "an absolute URL such as http://127.0.0.1:9091")]
    [InlineData("--dry-run", "maybe", "true or false")]
    [InlineData("--ports", "80 http", "a whole number such as 4")]
    public async Task Other_bad_values_say_what_was_expected(string option, string value, string expected)
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", option, .. value.Split(' ')]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains($"for parameter {option} (from the command line): expected {expected}.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_given_without_a_value_says_it_needs_one()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--retries"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Parameter --retries (from the command line) needs a value (a whole number such as 4).", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_valued_parameter_given_two_values_is_rejected()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--release", "one", "two"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Invalid value 'one two' for parameter --release", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_secret_value_is_shown_masked()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--pin", "12ab-secret"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Invalid value '***' for parameter --pin (from the command line): expected a whole number such as 4.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("12ab-secret", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("12ab-secret", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_parameter_is_reported_in_one_go()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--retries", "x", "--timeout", "y", "--colour", "red"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("--retries", result.Error, StringComparison.Ordinal);
        Assert.Contains("--timeout", result.Error, StringComparison.Ordinal);
        Assert.Contains("Unknown parameter --colour", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing ran (3 problems).", result.Error, StringComparison.Ordinal);
    }
}

public sealed class UnknownParameterTests
{
    [Fact]
    public async Task An_unknown_parameter_is_reported_with_the_nearest_name()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--retires", "3"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Unknown parameter --retires. Did you mean --retries?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_engine_option_is_suggested_too()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--paralel", "2"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Unknown parameter --paralel. Did you mean --parallel?", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_in_the_parameters_file_is_an_invalid_invocation()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "$schema": "./build.schema.json", "Retries": 2, "Colour": "red" }""");
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Unknown parameter 'Colour' in .nuke/parameters.json.", result.Error, StringComparison.Ordinal);
    }
}

public sealed class ParameterFileProblemTests
{
    [Fact]
    public async Task A_malformed_parameters_file_is_an_invalid_invocation()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "Retries": 2, """ + "\n" + """ "Release": }""");
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains(".nuke/parameters.json is not valid JSON (line 2)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameters_file_that_is_not_an_object_is_an_invalid_invocation()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""["Retries", 2]""", "ci");
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--profile", "ci"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains(".nuke/parameters.ci.json must hold a JSON object", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_without_its_file_is_an_invalid_invocation()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--profile", "staging"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("--profile staging: .nuke/parameters.staging.json does not exist.", result.Error, StringComparison.Ordinal);
    }
}
