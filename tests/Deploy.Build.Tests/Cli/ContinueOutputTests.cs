using System.Text.Json;
using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Cli;

/// <summary>
/// A target skipped by --continue hands on what it stored when it succeeded (.Outputs), or runs again when that is
/// gone, so later targets see what a run from scratch gives them.
/// </summary>
public sealed class ContinueOutputTests
{
    /// <summary>What Package hands on: a version, a list, an enum, and the directory it wrote.</summary>
    public sealed record Artifact(string Version, IReadOnlyList<string> Files, ArtifactKind Kind, string Directory);

    public enum ArtifactKind
    {
        Zip,
        Tarball,
    }

    /// <summary>Package makes an artifact (a new version each time it runs); Publish reads it and fails while <c>failPublish</c> is set.</summary>
    private sealed class Release(Journal journal, bool failPublish, string version) : DeployBuild
    {
        public Artifact? Artifact { get; private set; }

        public Artifact? Published { get; private set; }

        [Parameter("A secret, for the test that state holding it is not stored"), Secret]
        public string? Token { get; set; }

        Target Prepare => _ => _
            .Outputs(() => new[] { Path.Combine(TemporaryDirectory, "prepared") })
            .Executes(() =>
            {
                journal.Add("Prepare");
                File.WriteAllText(Path.Combine(TemporaryDirectory, "prepared"), "");
            });

        Target Package => _ => _
            .DependsOn(Prepare)
            .Outputs(() => Artifact, artifact => Artifact = artifact, artifact => [artifact.Directory])
            .Executes(() =>
            {
                journal.Add("Package");
                var directory = Directory.CreateDirectory(Path.Combine(TemporaryDirectory, "artifact")).FullName;
                Artifact = new Artifact(Token ?? version, ["app.dll", "app.pdb"], ArtifactKind.Tarball, directory);
            });

        Target Publish => _ => _
            .DependsOn(Package)
            .Executes(() =>
            {
                journal.Add("Publish");
                Published = Artifact;
                if (failPublish)
                {
                    throw new InvalidOperationException("the feed is down");
                }
            });
    }

    [Fact]
    public async Task A_target_skipped_by_continue_hands_its_stored_state_to_the_targets_after_it()
    {
        using var driver = new BuildDriver();
        var first = new Release(new Journal(), failPublish: true, version: "1.0.0");
        var journal = new Journal();
        var second = new Release(journal, failPublish: false, version: "2.0.0");

        RunAssert.ExitCode(1, await driver.RunAsync(first, ["Publish"]));
        var continued = await driver.RunAsync(second, ["Publish", "--continue"]);

        RunAssert.ExitCode(0, continued);
        Assert.Equal(["Publish"], journal.Entries);
        RunAssert.Statuses(continued, ("Prepare", "Skipped"), ("Package", "Skipped"), ("Publish", "Succeeded"));
        Assert.NotNull(second.Published);
        Assert.Equal(first.Artifact!.Version, second.Published.Version);
        Assert.Equal(first.Artifact.Files, second.Published.Files);
        Assert.Equal(ArtifactKind.Tarball, second.Published.Kind);
        Assert.Equal(first.Artifact.Directory, second.Published.Directory);
        Assert.Contains("Package succeeded in the previous run: restored what it hands on (--continue)", continued.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_record_is_one_json_file_per_target_with_the_state_and_the_paths_that_must_still_exist()
    {
        using var driver = new BuildDriver();
        var build = new Release(new Journal(), failPublish: false, version: "1.0.0");

        RunAssert.ExitCode(0, await driver.RunAsync(build, ["Publish"]));

        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(driver.Temp, "outputs", "Package.json")));
        var root = record.RootElement;
        Assert.Equal(2, root.GetProperty("schema").GetInt32());
        Assert.Equal("Package", root.GetProperty("target").GetString());
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("arguments").GetString());
        var state = Assert.Single(root.GetProperty("state").EnumerateArray());
        Assert.Equal(typeof(Artifact).FullName, state.GetProperty("type").GetString());
        Assert.Equal("1.0.0", state.GetProperty("value").GetProperty("version").GetString());
        Assert.Equal("Tarball", state.GetProperty("value").GetProperty("kind").GetString());
        Assert.Equal([build.Artifact!.Directory], root.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal([Path.Combine(driver.Temp, "prepared")], JsonDocument.Parse(File.ReadAllText(Path.Combine(driver.Temp, "outputs", "Prepare.json")))
            .RootElement.GetProperty("paths").EnumerateArray().Select(p => p.GetString()));
        Assert.False(File.Exists(Path.Combine(driver.Temp, "outputs", "Publish.json")), "Publish declares no outputs.");
    }

    [Fact]
    public async Task A_target_whose_directory_is_gone_runs_again_and_so_does_what_depends_on_it()
    {
        using var driver = new BuildDriver();
        var journal = new Journal();
        var second = new Release(journal, failPublish: false, version: "2.0.0");
        var first = new Release(new Journal(), failPublish: true, version: "1.0.0");
        RunAssert.ExitCode(1, await driver.RunAsync(first, ["Publish"]));

        File.Delete(Path.Combine(driver.Temp, "prepared"));
        var continued = await driver.RunAsync(second, ["Publish", "--continue"]);

        RunAssert.ExitCode(0, continued);
        Assert.Equal(["Prepare", "Package", "Publish"], journal.Entries);
        Assert.Equal("2.0.0", second.Published!.Version);
        Assert.Contains($"Prepare succeeded in the previous run, but runs again (--continue): '{Path.Combine(driver.Temp, "prepared")}', which it handed on, is gone", continued.Output, StringComparison.Ordinal);
        Assert.Contains("Package succeeded in the previous run, but runs again (--continue): Prepare, which it depends on, ran again", continued.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_whose_stored_state_cannot_be_read_runs_again()
    {
        using var driver = new BuildDriver();
        var journal = new Journal();
        var second = new Release(journal, failPublish: false, version: "2.0.0");
        RunAssert.ExitCode(1, await driver.RunAsync(new Release(new Journal(), failPublish: true, version: "1.0.0"), ["Publish"]));

        var path = Path.Combine(driver.Temp, "outputs", "Package.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"version\"", "\"release\"", StringComparison.Ordinal));
        var continued = await driver.RunAsync(second, ["Publish", "--continue"]);

        RunAssert.ExitCode(0, continued);
        Assert.Equal(["Package", "Publish"], journal.Entries);
        Assert.Equal("2.0.0", second.Published!.Version);
        Assert.Contains($"Package succeeded in the previous run, but runs again (--continue): {path} does not hold what the target declares", continued.Output, StringComparison.Ordinal);
    }

    /// <summary>Package fails while <c>fail</c> is set.</summary>
    private sealed class Flaky(bool fail) : DeployBuild
    {
        public string? Value { get; private set; }

        Target Package => _ => _
            .Outputs(() => Value, value => Value = value)
            .Executes(() =>
            {
                Value = "made";
                if (fail)
                {
                    throw new InvalidOperationException("disk full");
                }
            });
    }

    [Fact]
    public async Task A_failed_target_leaves_no_record_even_when_an_earlier_run_stored_one()
    {
        using var driver = new BuildDriver();
        var record = Path.Combine(driver.Temp, "outputs", "Package.json");

        RunAssert.ExitCode(1, await driver.RunAsync(new Flaky(fail: true), ["Package"]));
        Assert.False(File.Exists(record), "A target that failed stored what it hands on.");

        RunAssert.ExitCode(0, await driver.RunAsync(new Flaky(fail: false), ["Package"]));
        Assert.True(File.Exists(record));

        RunAssert.ExitCode(1, await driver.RunAsync(new Flaky(fail: true), ["Package"]));
        Assert.False(File.Exists(record), "A target that failed kept the record of an earlier success.");
    }

    [Fact]
    public async Task State_holding_a_secret_is_not_written_and_the_target_runs_again()
    {
        using var driver = new BuildDriver();
        var journal = new Journal();
        RunAssert.ExitCode(1, await driver.RunAsync(new Release(new Journal(), failPublish: true, version: "1.0.0"), ["Publish", "--token", "hunter2-secret"]));

        var continued = await driver.RunAsync(new Release(journal, failPublish: false, version: "2.0.0"), ["Publish", "--token", "hunter2-secret", "--continue"]);

        RunAssert.ExitCode(0, continued);
        Assert.Equal(["Package", "Publish"], journal.Entries);
        Assert.DoesNotContain("hunter2-secret", string.Concat(Directory.GetFiles(Path.Combine(driver.Temp, "outputs")).Select(File.ReadAllText)), StringComparison.Ordinal);
        Assert.Contains("What Package hands on was not stored, so --continue will run it again: its state holds a secret value", continued.Output, StringComparison.Ordinal);
    }
}
