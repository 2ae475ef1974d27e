using Deploy.Build.Tests.Planning;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Parameters;

public sealed class ParameterSourceTests
{
    private sealed class Build : RecordingBuild
    {
        [Parameter("Slack channel to notify")] private readonly string? Channel = "#builds";

        [Parameter("Where metrics go")] public Uri? PushgatewayUrl { get; set; }

        [Parameter("Image registry")] public string? Registry { get; set; }

        [Parameter("Deployment region")] public string Region { get; } = "eu-west-1";

        public string? ChannelValue => Channel;

        Target Show => _ => _.Executes(Ran());
    }

    [Fact]
    public async Task A_parameter_keeps_its_default_when_no_source_gives_it()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.Succeeded(result);
        Assert.Equal("#builds", build.ChannelValue);
        Assert.Equal("eu-west-1", build.Region);
        Assert.Null(build.Registry);
    }

    [Fact]
    public async Task The_command_line_sets_fields_properties_and_get_only_properties()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show", "--channel", "#deploys", "--registry", "ghcr.io", "--region", "us-east-2"]);

        Expect.Succeeded(result);
        Assert.Equal("#deploys", build.ChannelValue);
        Assert.Equal("ghcr.io", build.Registry);
        Assert.Equal("us-east-2", build.Region);
    }

    [Fact]
    public async Task The_environment_sets_a_parameter_by_DEPLOY_and_its_upper_snake_case_name()
    {
        using var driver = new BuildDriver();
        driver.Environment["DEPLOY_PUSHGATEWAY_URL"] = "http://127.0.0.1:9091";
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.Succeeded(result);
        Assert.Equal(new Uri("http://127.0.0.1:9091"), build.PushgatewayUrl);
    }

    [Fact]
    public async Task The_plain_name_is_never_read_only_the_DEPLOY_prefixed_one()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "Region": "eu-west-1" }""");
        driver.Environment["REGISTRY"] = "docker.io";
        driver.Environment["REGION"] = "stray";
        driver.Environment["CHANNEL"] = "#stray";
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.Succeeded(result);
        Assert.Null(build.Registry);
        Assert.Equal("eu-west-1", build.Region);
        Assert.Equal("#builds", build.ChannelValue);

        driver.Environment["DEPLOY_REGISTRY"] = "ghcr.io";
        var prefixed = new Build();
        Expect.Succeeded(await driver.RunAsync(prefixed, ["Show"]));
        Assert.Equal("ghcr.io", prefixed.Registry);
    }

    [Fact]
    public async Task The_command_line_wins_over_the_environment()
    {
        using var driver = new BuildDriver();
        driver.Environment["DEPLOY_REGISTRY"] = "ghcr.io";
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show", "--registry", "quay.io"]);

        Expect.Succeeded(result);
        Assert.Equal("quay.io", build.Registry);
    }

    [Fact]
    public async Task The_environment_wins_over_the_parameters_files()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "Registry": "from-shared-file" }""");
        driver.WriteParameters("""{ "Registry": "from-profile-file" }""", "ci");
        driver.Environment["DEPLOY_REGISTRY"] = "from-environment";
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show", "--profile", "ci"]);

        Expect.Succeeded(result);
        Assert.Equal("from-environment", build.Registry);
    }

    [Fact]
    public async Task The_profile_file_wins_over_the_shared_file_which_fills_in_the_rest()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "$schema": "./build.schema.json", "Registry": "docker.io", "Channel": "#shared" }""");
        driver.WriteParameters("""{ "Registry": "ghcr.io" }""", "ci");
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show", "--profile", "ci"]);

        Expect.Succeeded(result);
        Assert.Equal("ghcr.io", build.Registry);
        Assert.Equal("#shared", build.ChannelValue);
    }

    [Fact]
    public async Task The_profile_file_is_only_read_with_the_profile_option()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "Registry": "docker.io" }""");
        driver.WriteParameters("""{ "Registry": "ghcr.io" }""", "ci");
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.Succeeded(result);
        Assert.Equal("docker.io", build.Registry);
    }

    [Fact]
    public async Task The_command_line_wins_over_the_parameters_file()
    {
        using var driver = new BuildDriver();
        driver.WriteParameters("""{ "pushgateway-url": "http://file:9091" }""");
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show", "--pushgateway-url", "http://cli:9091"]);

        Expect.Succeeded(result);
        Assert.Equal(new Uri("http://cli:9091"), build.PushgatewayUrl);
    }

    [Theory]
    [InlineData("--pushgateway-url http://127.0.0.1:9091")]
    [InlineData("--PushgatewayUrl http://127.0.0.1:9091")]
    [InlineData("--pushgatewayurl http://127.0.0.1:9091")]
    [InlineData("--PUSHGATEWAY_URL http://127.0.0.1:9091")]
    [InlineData("--pushgateway-url=http://127.0.0.1:9091")]
    public async Task Parameter_names_match_case_insensitively_with_or_without_hyphens(string arguments)
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show", .. arguments.Split(' ')]);

        Expect.Succeeded(result);
        Assert.Equal(new Uri("http://127.0.0.1:9091"), build.PushgatewayUrl);
    }
}

public sealed class ComponentParameterTests
{
    public interface IGreet : IDeployBuild
    {
        [Parameter("Who to greet")] string? Name => GetParameter<string>();

        [Parameter("How many times")] int Repeat => GetParameter<int?>() ?? 3;

        Journal Journal { get; }

        Target Greet => _ => _.Executes(() => Journal.Add($"{Name ?? "nobody"} x{Repeat}"));
    }

    private sealed class Build : RecordingBuild, IGreet;

    private sealed class Redeclaring : RecordingBuild, IGreet
    {
        [Parameter("Who to greet, in this build")] public string? Name { get; set; } = "team";
    }

    [Fact]
    public async Task A_component_parameter_reads_its_value_through_GetParameter()
    {
        using var driver = new BuildDriver();
        driver.Environment["DEPLOY_NAME"] = "world";
        var build = new Build();

        var result = await driver.RunAsync(build, ["Greet", "--repeat", "5"]);

        Expect.Succeeded(result);
        Assert.Equal(["world x5"], build.Journal.Entries);
    }

    [Fact]
    public async Task A_component_parameter_falls_back_to_its_default_when_not_given()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Greet"]);

        Expect.Succeeded(result);
        Assert.Equal(["nobody x3"], build.Journal.Entries);
    }

    [Fact]
    public async Task A_class_property_redeclaring_a_component_parameter_receives_the_value()
    {
        using var driver = new BuildDriver();
        var defaulted = new Redeclaring();
        var given = new Redeclaring();

        await driver.RunAsync(defaulted, ["Greet"]);
        var result = await driver.RunAsync(given, ["Greet", "--name", "ops"]);

        Expect.Succeeded(result);
        Assert.Equal(["team x3"], defaulted.Journal.Entries);
        Assert.Equal(["ops x3"], given.Journal.Entries);
    }

    [Fact]
    public async Task Help_lists_component_parameters_with_their_default()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Build(), ["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"--repeat <number>\s+How many times; default 3; env DEPLOY_REPEAT", result.Output);
        Assert.Matches(@"--name <text>\s+Who to greet; env DEPLOY_NAME", result.Output);
    }
}

public sealed class FieldNameTests
{
    private sealed class Build : RecordingBuild
    {
        [Parameter("Token for the registry")] private readonly string? _registryToken = null;

        public string? Token => _registryToken;

        Target Show => _ => _.Executes(Ran());
    }

    [Fact]
    public async Task A_leading_underscore_is_not_part_of_the_parameter_name()
    {
        using var driver = new BuildDriver();
        driver.Environment["DEPLOY_REGISTRY_TOKEN"] = "t-1";
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show"]);
        var help = await driver.RunAsync(new Build(), ["--help"]);

        Expect.Succeeded(result);
        Assert.Equal("t-1", build.Token);
        Assert.Contains("  --registry-token <text>", help.Output, StringComparison.Ordinal);
        Assert.Contains("env DEPLOY_REGISTRY_TOKEN", help.Output, StringComparison.Ordinal);
    }
}

public sealed class UnsupportedParameterTests
{
    private sealed class Build : RecordingBuild
    {
        [Parameter("When to deploy")] public DateTime When { get; set; }

        Target Show => _ => _.Executes(Ran());
    }

    [Fact]
    public async Task A_parameter_of_an_unsupported_type_is_an_invalid_definition()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Show"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Parameter 'When' has type DateTime, which parameters do not support.", result.Error, StringComparison.Ordinal);
    }
}
