using Deploy.Build.Tests.Planning;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Parameters;

/// <summary>A build with a parameter of every supported kind.</summary>
internal sealed class TypedBuild : RecordingBuild
{
    public enum Stage
    {
        Development,
        Staging,
        Production,
    }

    [Parameter("Run without side effects")] public bool DryRun { get; set; }

    [Parameter("Attempts before giving up")] public int Retries { get; set; } = 1;

    [Parameter("How long to wait for the rollout")] public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    [Parameter("Where metrics go")] public Uri? Endpoint { get; set; }

    [Parameter("Where to deploy")] public Stage Environment { get; set; }

    [Parameter("Image labels")] public string[] Labels { get; set; } = [];

    [Parameter("Ports to open")] public int[] Ports { get; set; } = [];

    [Parameter("Release name")] public string? Release { get; set; }

    [Parameter("Feed API key"), Secret] public string? ApiKey { get; set; }

    [Parameter("Unlock code"), Secret] public int Pin { get; set; }

    Target Show => _ => _.Executes(Ran());
}

public sealed class BooleanParameterTests
{
    [Fact]
    public async Task A_boolean_flag_without_a_value_is_true()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--dry-run", "--retries", "2"]);

        Expect.Succeeded(result);
        Assert.True(build.DryRun);
        Assert.Equal(2, build.Retries);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("true", true)]
    public async Task A_boolean_flag_takes_an_explicit_value(string value, bool expected)
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild { DryRun = !expected };

        var result = await driver.RunAsync(build, ["Show", "--dry-run", value]);

        Expect.Succeeded(result);
        Assert.Equal(expected, build.DryRun);
    }

    [Fact]
    public async Task A_boolean_is_read_from_the_environment_and_the_parameters_file()
    {
        using var driver = new BuildDriver();
        driver.Environment["DEPLOY_DRY_RUN"] = "true";
        var fromEnvironment = new TypedBuild();
        await driver.RunAsync(fromEnvironment, ["Show"]);

        driver.Environment.Clear();
        driver.WriteParameters("""{ "DryRun": true }""");
        var fromFile = new TypedBuild();
        var result = await driver.RunAsync(fromFile, ["Show"]);

        Expect.Succeeded(result);
        Assert.True(fromEnvironment.DryRun);
        Assert.True(fromFile.DryRun);
    }
}

public sealed class ScalarConversionTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("00:05:00", 300)]
    public async Task A_duration_is_read_with_units_or_as_a_time_span(string text, int seconds)
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--timeout", text]);

        Expect.Succeeded(result);
        Assert.Equal(TimeSpan.FromSeconds(seconds), build.Timeout);
    }

    [Fact]
    public async Task A_whole_number_and_an_absolute_url_are_converted()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--retries", "7", "--endpoint", "http://127.0.0.1:9091/metrics"]);

        Expect.Succeeded(result);
        Assert.Equal(7, build.Retries);
        Assert.Equal(new Uri("http://127.0.0.1:9091/metrics"), build.Endpoint);
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("STAGING")]
    [InlineData("Staging")]
    public async Task An_enum_value_matches_case_insensitively(string text)
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--environment", text]);

        Expect.Succeeded(result);
        Assert.Equal(TypedBuild.Stage.Staging, build.Environment);
    }

    [Fact]
    public async Task A_number_in_the_parameters_file_converts_to_an_int()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "Retries": 4, "Environment": "production" }""");
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.Succeeded(result);
        Assert.Equal(4, build.Retries);
        Assert.Equal(TypedBuild.Stage.Production, build.Environment);
    }
}

public sealed class ArrayParameterTests
{
    [Fact]
    public async Task An_array_takes_several_values_after_one_flag()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--labels", "team=web", "tier=front", "--ports", "80", "443"]);

        Expect.Succeeded(result);
        Assert.Equal(["team=web", "tier=front"], build.Labels);
        Assert.Equal([80, 443], build.Ports);
    }

    [Fact]
    public async Task An_array_collects_repeated_flags()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--labels", "a", "--dry-run", "--labels=b", "--labels", "c"]);

        Expect.Succeeded(result);
        Assert.Equal(["a", "b", "c"], build.Labels);
    }

    [Fact]
    public async Task An_array_is_read_comma_separated_from_the_environment()
    {
        using var driver = new BuildDriver();
        driver.Environment["DEPLOY_PORTS"] = "80, 443,8080";
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.Succeeded(result);
        Assert.Equal([80, 443, 8080], build.Ports);
    }

    [Fact]
    public async Task An_array_is_read_from_a_JSON_array_in_the_parameters_file()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "Labels": ["a", "b"], "Ports": [22, 80] }""");
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.Succeeded(result);
        Assert.Equal(["a", "b"], build.Labels);
        Assert.Equal([22, 80], build.Ports);
    }

    [Fact]
    public async Task A_single_valued_parameter_keeps_the_last_of_repeated_flags()
    {
        using var driver = new BuildDriver();
        var build = new TypedBuild();

        var result = await driver.RunAsync(build, ["Show", "--release", "one", "--release", "two"]);

        Expect.Succeeded(result);
        Assert.Equal("two", build.Release);
    }
}
