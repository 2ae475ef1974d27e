using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.UpToDate;

/// <summary>
/// A target whose inputs are those of its last successful run does not run; what it handed on is restored; anything
/// else (a failure, a cancellation, a missing path, --force) makes it run, and a target that did not succeed leaves
/// no fingerprint behind.
/// </summary>
public sealed class UpToDateTests : IDisposable
{
    private readonly BuildDriver _driver = new() { Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero)) };

    public UpToDateTests() => Write("input.txt", "one");

    public void Dispose() => _driver.Dispose();

    private void Write(string relative, string content) => File.WriteAllText(Path.Combine(_driver.Root, relative), content);

    private string RecordOf(string target) => Path.Combine(_driver.Temp, "outputs", target + ".json");

    /// <summary>Make reads input.txt and hands on what it read and a file; Use reads that; Plain declares no inputs.</summary>
    private sealed class Pipeline(Journal journal) : DeployBuild
    {
        public string? Made { get; private set; }

        public string? Used { get; private set; }

        public Func<CancellationToken, Task>? During { get; init; }

        public Action? Fail { get; init; }

        public bool ForcedMake { get; private set; }

        public string Artifact => Path.Combine(TemporaryDirectory, "made.txt");

        Target Make => _ => _
            .Inputs(i => i.Files(".", "/input.txt"))
            .Outputs(() => Made, made => Made = made, _ => [Artifact])
            .Executes(async ct =>
            {
                journal.Add("Make");
                ForcedMake = IsForced("Make");
                if (During is { } during)
                {
                    await during(ct);
                }

                Fail?.Invoke();
                Made = File.ReadAllText(Path.Combine(RootDirectory, "input.txt"));
                File.WriteAllText(Artifact, Made);
            });

        Target Use => _ => _
            .DependsOn(Make)
            .Executes(() =>
            {
                journal.Add("Use");
                Used = Made;
            });

        Target Plain => _ => _.Executes(() => journal.Add("Plain"));
    }

    private async Task<(BuildResult Result, Journal Journal, Pipeline Build)> RunAsync(int exitCode = 0, Func<CancellationToken, Task>? during = null, Action? fail = null, string[]? args = null, CancellationToken cancellation = default)
    {
        var journal = new Journal();
        var build = new Pipeline(journal) { During = during, Fail = fail };
        var result = await _driver.RunAsync(build, args ?? ["Use", "Plain"], cancellation: cancellation);
        RunAssert.ExitCode(exitCode, result);
        return (result, journal, build);
    }

    [Fact]
    public async Task An_up_to_date_target_does_not_run_and_the_target_after_it_sees_what_it_handed_on()
    {
        await RunAsync();
        ((FakeTimeProvider)_driver.Time).Advance(TimeSpan.FromHours(1));

        var (result, journal, build) = await RunAsync();

        Assert.Equal(["Plain", "Use"], journal.Entries.Order(StringComparer.Ordinal));
        RunAssert.Statuses(result, ("Make", "UpToDate"), ("Use", "Succeeded"), ("Plain", "Succeeded"));
        Assert.Equal("inputs unchanged since 2026-12-01T20:00:00Z", RunAssert.ReasonOf(result, "Make"));
        Assert.Equal("one", build.Used);
        Assert.Contains("Make is up to date: inputs unchanged since 2026-12-01T20:00:00Z", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_declares_no_inputs_runs_every_time()
    {
        await RunAsync();

        var (_, journal, _) = await RunAsync();

        Assert.Contains("Plain", journal.Entries);
        Assert.False(File.Exists(RecordOf("Plain")));
    }

    [Fact]
    public async Task A_changed_input_runs_it_again_and_says_which()
    {
        await RunAsync();
        Write("input.txt", "two");

        var (result, journal, build) = await RunAsync();

        Assert.Contains("Make", journal.Entries);
        Assert.Contains("Make runs: input.txt changed", result.Output, StringComparison.Ordinal);
        Assert.Equal("two", build.Used);
    }

    [Fact]
    public async Task A_path_it_handed_on_that_is_gone_makes_it_run()
    {
        var (_, _, first) = await RunAsync();
        File.Delete(first.Artifact);

        var (result, journal, _) = await RunAsync();

        Assert.Contains("Make", journal.Entries);
        Assert.Contains($"Make runs: '{first.Artifact}', which it handed on, is gone", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(first.Artifact));
    }

    [Fact]
    public async Task A_failed_target_records_no_fingerprint_and_removes_the_one_it_had()
    {
        await RunAsync();
        Assert.True(File.Exists(RecordOf("Make")));
        Write("input.txt", "two");

        await RunAsync(exitCode: 1, fail: () => throw new InvalidOperationException("disk full"));
        Assert.False(File.Exists(RecordOf("Make")));
        Write("input.txt", "one");
        var (result, journal, _) = await RunAsync();

        Assert.Contains("Make", journal.Entries);
        Assert.Contains("Make runs: no successful run recorded", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_target_records_no_fingerprint()
    {
        var started = new Gate();
        using var cancellation = new CancellationTokenSource();
        var run = RunAsync(exitCode: 130, during: async ct =>
        {
            started.Open();
            await new Gate().WaitAsync(ct);
        }, cancellation: cancellation.Token);
        await started.WaitAsync();
        await cancellation.CancelAsync();
        var (cancelled, _, _) = await run.WaitAsync(Gate.Timeout);
        Assert.Equal("Aborted", cancelled.StatusOf("Make"));
        Assert.False(File.Exists(RecordOf("Make")));

        var (result, journal, _) = await RunAsync();

        Assert.Contains("Make", journal.Entries);
        Assert.Contains("Make runs: no successful run recorded", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_that_changes_while_the_target_runs_leaves_no_fingerprint_and_a_warning()
    {
        var (result, _, _) = await RunAsync(during: _ =>
        {
            Write("input.txt", "edited meanwhile");
            return Task.CompletedTask;
        });
        Assert.Contains("The inputs of Make changed while it ran (input.txt changed), so no fingerprint is recorded and it runs again next time", result.Output, StringComparison.Ordinal);

        var (again, journal, _) = await RunAsync();

        Assert.Contains("Make", journal.Entries);
        Assert.Contains("Make runs: its last run recorded no fingerprint", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Force_with_a_name_runs_that_target_and_tells_the_build()
    {
        await RunAsync();

        var (result, journal, build) = await RunAsync(args: ["Use", "--force", "make"]);

        Assert.Equal(["Make", "Use"], journal.Entries);
        Assert.True(build.ForcedMake);
        Assert.Contains("Make runs: --force", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Force_with_an_unknown_name_is_a_bad_invocation()
    {
        var journal = new Journal();

        var result = await _driver.RunAsync(new Pipeline(journal), ["Use", "--force", "Mkae"]);

        RunAssert.ExitCode(2, result);
        Assert.Contains("Unknown target to --force 'Mkae'. Did you mean 'Make'?", result.Error, StringComparison.Ordinal);
        Assert.Empty(journal.Entries);
    }

    [Fact]
    public async Task A_record_that_does_not_fit_the_target_makes_it_run()
    {
        await RunAsync();
        File.WriteAllText(RecordOf("Make"), File.ReadAllText(RecordOf("Make")).Replace("\"key\": \"", "\"key\": \"0", StringComparison.Ordinal));

        var (result, journal, _) = await RunAsync();

        Assert.Contains("Make", journal.Entries);
        Assert.Contains("Make runs: its last run recorded no fingerprint", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continue_leaves_a_target_with_inputs_to_its_fingerprint()
    {
        var failing = new Journal();
        var failed = await _driver.RunAsync(new FailingUse(failing), ["Use"]);
        RunAssert.ExitCode(1, failed);

        var journal = new Journal();
        var result = await _driver.RunAsync(new FailingUse(journal, fail: false), ["Use", "--continue"]);

        RunAssert.ExitCode(0, result);
        RunAssert.Statuses(result, ("Make", "UpToDate"), ("Use", "Succeeded"));
        Assert.Equal(["Use"], journal.Entries);
    }

    /// <summary>Make as in <see cref="Pipeline"/>; Use fails while <c>fail</c> is set.</summary>
    private sealed class FailingUse(Journal journal, bool fail = true) : DeployBuild
    {
        string? Made { get; set; }

        Target Make => _ => _
            .Inputs(i => i.Files(".", "/input.txt"))
            .Outputs(() => Made, made => Made = made)
            .Executes(() =>
            {
                journal.Add("Make");
                Made = "made";
            });

        Target Use => _ => _.DependsOn(Make).Executes(() =>
        {
            journal.Add("Use");
            if (fail || Made != "made")
            {
                throw new InvalidOperationException("the feed is down");
            }
        });
    }
}
