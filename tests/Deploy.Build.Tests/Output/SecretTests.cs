using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Output;

public sealed class SecretTests
{
    private const string Secret = "hunter2-Zq9x";

    /// <summary>Every way a target could leak its secret parameter: a log line, an output, a failure, an observer's note.</summary>
    private sealed class Leaky : DeployBuild, IRunObserver
    {
        [Parameter("Registry token"), Secret]
        public string? Token { get; set; }

        public List<TargetFinishedEvent> Finished { get; } = [];

        Target Login => _ => _.Executes(() => Log.Information("token {T}, as a header: Bearer {Header}", Token, Token))
            .Produces("token", () => Token)
            .Produces("header", () => "Bearer " + Token);

        Target Push => _ => _.DependsOn(Login).Executes(() => throw new InvalidOperationException($"The registry rejected token '{Token}'."));

        public void TargetFinished(TargetFinishedEvent target) => Finished.Add(target);

        public Task RunFinishedAsync(RunFinishedEvent run, CancellationToken cancellationToken)
        {
            run.AddSummaryNote($"Pushed with {Token}");
            return Task.CompletedTask;
        }
    }

    /// <summary>Runs Leaky with the secret from the given source; returns what the run printed and every file it wrote.</summary>
    private static async Task<(BuildResult Result, Leaky Build, Dictionary<string, string> Files)> RunAsync(string source)
    {
        using var driver = new BuildDriver();
        var args = new List<string> { "Push", "--verbosity", "verbose" };
        switch (source)
        {
            case "command line":
                args.AddRange(["--token", Secret]);
                break;
            case "environment":
                driver.Environment["DEPLOY_TOKEN"] = Secret;
                break;
            default:
                driver.WriteParameters($$"""{ "Token": "{{Secret}}" }""");
                break;
        }

        var build = new Leaky();
        var result = await driver.RunAsync(build, [.. args]);
        RunAssert.ExitCode(1, result);
        Assert.Equal(Secret, build.Token);
        var files = Directory.EnumerateFiles(driver.Temp, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(driver.Temp, f), File.ReadAllText);
        return (result, build, files);
    }

    [Theory]
    [InlineData("command line")]
    [InlineData("environment")]
    [InlineData("parameters file")]
    public async Task A_secret_never_appears_in_the_console_the_log_file_or_the_run_record(string source)
    {
        var (result, _, files) = await RunAsync(source);

        Assert.DoesNotContain(Secret, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Error, StringComparison.Ordinal);
        Assert.Contains("build.log", files.Keys);
        Assert.Contains("run.json", files.Keys);
        Assert.All(files, file => Assert.False(file.Value.Contains(Secret, StringComparison.Ordinal), $"{file.Key} holds the secret."));
    }

    [Fact]
    public async Task The_secret_is_replaced_by_stars_wherever_it_would_have_been()
    {
        var (result, _, files) = await RunAsync("environment");

        Assert.Contains("Login  | token ***, as a header: Bearer ***\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Push   | ERR Push failed: The registry rejected token '***'.\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("\nPushed with ***\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("INF Login  | token ***, as a header: Bearer ***\n", files["build.log"], StringComparison.Ordinal);
        Assert.Contains("ERR Push   | System.InvalidOperationException: The registry rejected token '***'.\n", files["build.log"], StringComparison.Ordinal);
        var targets = System.Text.Json.JsonDocument.Parse(files["run.json"]).RootElement.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal("The registry rejected token '***'.", targets.Single(t => t.GetProperty("name").GetString() == "Push").GetProperty("error").GetString());
        var outputs = targets.Single(t => t.GetProperty("name").GetString() == "Login").GetProperty("outputs");
        Assert.Equal("***", outputs.GetProperty("token").GetString());
        Assert.Equal("Bearer ***", outputs.GetProperty("header").GetString());
    }

    [Fact]
    public async Task Observers_get_outputs_and_errors_with_the_secret_masked()
    {
        var (_, build, _) = await RunAsync("command line");

        var login = build.Finished.Single(t => t.Name == "Login");
        Assert.Equal(new Dictionary<string, string> { ["token"] = "***", ["header"] = "Bearer ***" }, login.Outputs);
        Assert.Equal("The registry rejected token '***'.", build.Finished.Single(t => t.Name == "Push").Error);
    }

    private sealed class Quoted : DeployBuild
    {
        [Parameter, Secret]
        public string? Password { get; set; }

        Target Login => _ => _.Executes(() =>
        {
            Log.Information("running docker {Arguments}", new[] { "login", "--password", Password });
            Log.Information("with {@Credentials}", new { User = "deploy", Password });
            Log.Information("as {Map}", new Dictionary<string, string?> { ["password"] = Password });
        });
    }

    [Fact]
    public async Task A_secret_with_quotes_is_masked_inside_logged_collections_and_objects()
    {
        const string secret = "pa\"ss\\w0rd";
        using var driver = new BuildDriver();
        driver.Environment["DEPLOY_PASSWORD"] = secret;

        var result = await driver.RunAsync(new Quoted(), ["Login"]);

        RunAssert.ExitCode(0, result);
        var logFile = result.LogFile;
        foreach (var text in new[] { result.Output, logFile })
        {
            Assert.DoesNotContain("w0rd", text, StringComparison.Ordinal);
            Assert.Contains("running docker [\"login\", \"--password\", \"***\"]", text, StringComparison.Ordinal);
            Assert.Contains("with { User: \"deploy\", Password: \"***\" }", text, StringComparison.Ordinal);
            Assert.Contains("as [(\"password\": \"***\")]", text, StringComparison.Ordinal);
        }
    }
}
