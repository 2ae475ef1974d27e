using System.Text.Json;
using Deploy.Build.Tests.Planning;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Parameters;

public sealed class BuildSchemaTests
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private sealed class Version1 : RecordingBuild
    {
        [Parameter("Image registry")] public string? Registry { get; set; }

        [Parameter("Attempts")] public int Retries { get; set; }

        Target Compile => _ => _.Executes(Ran());
    }

    private sealed class Version2 : RecordingBuild
    {
        [Parameter("Image registry")] public string? Registry { get; set; }

        [Parameter("Attempts")] public int Retries { get; set; }

        [Parameter("Slack channel")] public string? Channel { get; set; }

        Target Compile => _ => _.Executes(Ran());
    }

    private sealed class Renamed : RecordingBuild
    {
        [Parameter("Feed token", Name = "FeedToken")] public string? Token { get; set; }

        Target Compile => _ => _.Executes(Ran());
    }

    private static string SchemaPath(BuildDriver driver) => Path.Combine(driver.Root, ".nuke", "build.schema.json");

    [Fact]
    public async Task The_schema_lists_the_parameters_with_their_types_and_the_targets()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Version1(), ["Compile"]);

        Expect.Succeeded(result);
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath(driver)));
        var properties = schema.RootElement.GetProperty("properties");
        Assert.Equal("string", properties.GetProperty("Registry").GetProperty("type").GetString());
        Assert.Equal("Image registry (env DEPLOY_REGISTRY)", properties.GetProperty("Registry").GetProperty("description").GetString());
        Assert.Equal("DEPLOY_REGISTRY", properties.GetProperty("Registry").GetProperty("x-environment").GetString());
        Assert.Equal("integer", properties.GetProperty("Retries").GetProperty("type").GetString());
        var targets = schema.RootElement.GetProperty("definitions").GetProperty("target").GetProperty("enum");
        Assert.Equal(["Compile"], targets.EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task The_schema_is_not_rewritten_when_its_content_is_unchanged()
    {
        using var driver = new BuildDriver();
        await driver.RunAsync(new Version1(), ["Compile"]);
        File.SetLastWriteTimeUtc(SchemaPath(driver), LongAgo);

        var result = await driver.RunAsync(new Version1(), ["Compile"]);

        Expect.Succeeded(result);
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(SchemaPath(driver)));
    }

    [Fact]
    public async Task The_schema_is_rewritten_when_a_parameter_is_added()
    {
        using var driver = new BuildDriver();
        await driver.RunAsync(new Version1(), ["Compile"]);
        File.SetLastWriteTimeUtc(SchemaPath(driver), LongAgo);

        var result = await driver.RunAsync(new Version2(), ["Compile"]);

        Expect.Succeeded(result);
        Assert.NotEqual(LongAgo, File.GetLastWriteTimeUtc(SchemaPath(driver)));
        Assert.Contains("\"Channel\"", File.ReadAllText(SchemaPath(driver)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameters_file_written_with_the_schema_names_is_accepted()
    {
        using var driver = new BuildDriver();
        await driver.RunAsync(new Renamed(), ["Compile"]);
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath(driver)));
        var name = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Single(n => n != "$schema");
        driver.WriteParameters($$"""{ "{{name}}": "t-1" }""");
        var build = new Renamed();

        var result = await driver.RunAsync(build, ["Compile"]);

        Expect.Succeeded(result);
        Assert.Equal("t-1", build.Token);
    }
}
