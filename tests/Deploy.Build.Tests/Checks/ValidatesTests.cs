using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Planning;

namespace Deploy.Build.Tests.Checks;

/// <summary>ITargetDefinition.Validates: every planned target's checks run before anything does, all problems at once.</summary>
public sealed class ValidatesTests
{
    private sealed class Build : RecordingBuild
    {
        [Parameter("Port to listen on")] public int Port { get; set; } = 8080;

        [Parameter("Image name")] public string Image { get; set; } = "web";

        [Parameter("Deploy or not")] public bool Deploy { get; set; } = true;

        public int NotifyChecks { get; private set; }

        Target Compile => _ => _
            .Validates(() => Port is > 0 and <= 65535 ? [] : [$"--port {Port} is not a port. Give 1 to 65535."])
            .Executes(Ran());

        Target Package => _ => _
            .DependsOn(Compile)
            .Validates(() => Image.Contains(' ', StringComparison.Ordinal) ? [$"--image '{Image}' has a space. Give a name without one."] : [])
            .Validates(() => Port == 1 ? ["--port 1 is reserved. Give another."] : [])
            .Executes(Ran());

        Target Notify => _ => _
            .DependsOn(Package)
            .OnlyWhenStatic(() => Deploy)
            .Validates(() =>
            {
                NotifyChecks++;
                return ["Notify always complains."];
            })
            .Executes(Ran());
    }

    [Fact]
    public async Task The_problems_of_every_planned_target_are_reported_at_once_and_nothing_runs()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Package", "--port", "99999", "--image", "Bad Name"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("error: --port 99999 is not a port. Give 1 to 65535.", result.Error, StringComparison.Ordinal);
        Assert.Contains("error: --image 'Bad Name' has a space. Give a name without one.", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing ran (2 problems).", result.Error, StringComparison.Ordinal);
        Assert.Equal("Invalid", RunAssert.ResultOf(result));
        Assert.Equal(
            ["--port 99999 is not a port. Give 1 to 65535.", "--image 'Bad Name' has a space. Give a name without one."],
            result.RunRecord.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        RunAssert.Statuses(result, ("Compile", "NotRun"), ("Package", "NotRun"));
    }

    [Fact]
    public async Task A_target_skipped_by_its_static_condition_or_not_planned_is_not_checked()
    {
        using var driver = new BuildDriver();
        var skipped = new Build();

        Expect.Succeeded(await driver.RunAsync(skipped, ["Notify", "--deploy", "false"]));
        Assert.Equal(0, skipped.NotifyChecks);
        Assert.Equal(["Compile", "Package"], skipped.Journal.Entries);

        var planned = new Build();
        var result = await driver.RunAsync(planned, ["Notify"]);
        Expect.NothingRan(result, planned.Journal);
        Assert.Contains("error: Notify always complains.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_runs_the_checks_too_and_writes_no_run_record()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Build(), ["Package", "--port", "0", "--plan"]);

        RunAssert.ExitCode(2, result);
        Assert.Contains("error: --port 0 is not a port.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Plan:", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(driver.Temp, "run.json")));
    }

    [Fact]
    public async Task Parameter_problems_and_check_problems_come_together()
    {
        using var driver = new BuildDriver();
        var build = new Build();

        var result = await driver.RunAsync(build, ["Package", "--port", "1", "--deploy", "maybe"]);

        Expect.NothingRan(result, build.Journal);
        Assert.Contains("Invalid value 'maybe' for parameter --deploy", result.Error, StringComparison.Ordinal);
        Assert.Contains("--port 1 is reserved", result.Error, StringComparison.Ordinal);
    }

    private sealed class Fetching : RecordingBuild
    {
        public string? Fetched { get; private set; }

        Target Fetch => _ => _.Executes(() =>
        {
            Journal.Add("Fetch");
            Fetched = "broken";
        });

        // Decided only once Fetch produced what it reads, like the Dockerfile of a cloned source.
        Target Check => _ => _
            .DependsOn(Fetch)
            .Validates(() => Fetched == "broken" ? ["The fetched file is broken. Fix it upstream."] : [])
            .Executes(Ran());

        Target Build => _ => _.DependsOn(Fetch).Executes(Ran());

        Target All => _ => _.DependsOn(Check, Build);
    }

    [Fact]
    public async Task A_check_that_needs_an_earlier_targets_state_fails_the_run_as_soon_as_that_state_is_there()
    {
        using var driver = new BuildDriver();
        var build = new Fetching();

        var result = await driver.RunAsync(build, ["All", "--parallel", "1"]);

        RunAssert.ExitCode(1, result);
        Assert.Equal(["Fetch"], build.Journal.Entries);
        RunAssert.Statuses(result, ("Fetch", "Succeeded"), ("Check", "Failed"), ("Build", "NotRun"), ("All", "NotRun"));
        Assert.Equal("The fetched file is broken. Fix it upstream.", RunAssert.ErrorOf(result, "Check"));
        Assert.Equal(JsonValueKindNull, RunAssert.TargetRecord(result, "Check").GetProperty("startedAt").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
