using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.UpToDate;

/// <summary>
/// The stock pipeline's shape with the inputs the stock components should declare (<see cref="ServiceBuild"/>): a
/// rerun with nothing changed runs nothing but Rollout, and a change reruns exactly what reads it.
/// </summary>
public sealed class StockLikePipelineTests : IDisposable
{
    private static readonly DateTimeOffset FirstRun = new(2026, 12, 1, 19, 40, 0, TimeSpan.Zero);

    private readonly BuildDriver _driver = new() { Time = new FakeTimeProvider(FirstRun) };
    private readonly ServiceRepository _repository;

    public StockLikePipelineTests()
    {
        _repository = new ServiceRepository(_driver.Root);
    }

    public void Dispose() => _driver.Dispose();

    private async Task<(BuildResult Result, Journal Journal, ServiceBuild Build)> RunAsync(Action<ServiceBuild>? setUp = null, params string[] args)
    {
        var journal = new Journal();
        var build = new ServiceBuild(journal);
        setUp?.Invoke(build);
        var result = await _driver.RunAsync(build, ["Rollout", .. args]);
        RunAssert.ExitCode(0, result);
        return (result, journal, build);
    }

    private async Task FirstRunAsync()
    {
        var (result, journal, _) = await RunAsync();
        Assert.Equal(["BuildImage", "Compile", "Restore", "Rollout", "Test"], journal.Entries.Order(StringComparer.Ordinal));
        Assert.Contains("Compile runs: no successful run recorded", result.Output, StringComparison.Ordinal);
        ((FakeTimeProvider)_driver.Time).Advance(TimeSpan.FromMinutes(20));
    }

    [Fact]
    public async Task A_rerun_with_nothing_changed_runs_only_the_target_without_inputs_and_it_sees_the_restored_state()
    {
        await FirstRunAsync();

        var (result, journal, build) = await RunAsync();

        Assert.Equal(["Rollout"], journal.Entries);
        RunAssert.Statuses(result, ("Restore", "UpToDate"), ("Compile", "UpToDate"), ("Test", "UpToDate"), ("BuildImage", "UpToDate"), ("Rollout", "Succeeded"));
        Assert.Equal("inputs unchanged since 2026-12-01T19:40:00Z", RunAssert.ReasonOf(result, "Compile"));
        Assert.Equal(build.Image!.Id, build.Deployed);
        Assert.StartsWith("sha256:", build.Deployed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_source_file_reruns_compile_and_what_reads_its_output_but_not_restore()
    {
        await FirstRunAsync();
        _repository.Write("service/Orders/Order.cs", "record Order(int Id, decimal Total);\n");

        var (result, journal, build) = await RunAsync();

        Assert.Equal(["BuildImage", "Compile", "Rollout", "Test"], journal.Entries.Order(StringComparer.Ordinal));
        RunAssert.Statuses(result, ("Restore", "UpToDate"), ("Compile", "Succeeded"), ("Test", "Succeeded"), ("BuildImage", "Succeeded"));
        Assert.Contains("Compile runs: service/Orders/Order.cs changed", result.Output, StringComparison.Ordinal);
        Assert.Contains("Test runs: service/Orders/Order.cs changed", result.Output, StringComparison.Ordinal);
        Assert.Contains("BuildImage runs: .nuke/temp/publish/service.dll changed", result.Output, StringComparison.Ordinal);
        Assert.Equal(build.Published!.Version, build.Tested);
    }

    [Fact]
    public async Task A_changed_test_file_reruns_only_test()
    {
        await FirstRunAsync();
        _repository.Write("service/tests/OrderTests.cs", "class OrderTests { void Totals() { } }\n");

        var (result, journal, build) = await RunAsync();

        Assert.Equal(["Rollout", "Test"], journal.Entries.Order(StringComparer.Ordinal));
        Assert.Contains("Test runs: service/tests/OrderTests.cs changed", result.Output, StringComparison.Ordinal);
        Assert.Equal(build.Published!.Version, build.Tested);
    }

    [Fact]
    public async Task Files_the_patterns_or_gitignore_leave_out_change_nothing()
    {
        await FirstRunAsync();
        _repository.Write("service/README.md", "# The service, documented\n");
        _repository.Write("service/bin/Debug/service.dll", "compiled again");
        _repository.Write("service/obj/project.assets.json", "{ \"again\": true }");

        var (_, journal, _) = await RunAsync();

        Assert.Equal(["Rollout"], journal.Entries);
    }

    [Fact]
    public async Task A_new_source_file_is_a_change()
    {
        await FirstRunAsync();
        _repository.Write("service/Orders/Refund.cs", "record Refund(int Id);\n");

        var (result, journal, _) = await RunAsync();

        Assert.Contains("Compile", journal.Entries);
        Assert.Contains("Compile runs: service/Orders/Refund.cs added", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_parameter_or_tool_version_reruns_the_targets_that_read_it()
    {
        await FirstRunAsync();

        // Each run's record is read before the next run replaces run.json.
        var (configured, configuredJournal, _) = await RunAsync(null, "--configuration", "Debug");
        Assert.Equal(["BuildImage", "Compile", "Rollout", "Test"], configuredJournal.Entries.Order(StringComparer.Ordinal));
        Assert.Contains("Compile runs: --configuration changed", configured.Output, StringComparison.Ordinal);
        Assert.Equal("UpToDate", configured.StatusOf("Restore"));

        var (retooled, retooledJournal, _) = await RunAsync(build => build.ToolVersion = "10.0.200", "--configuration", "Debug");
        Assert.Equal(["BuildImage", "Compile", "Restore", "Rollout", "Test"], retooledJournal.Entries.Order(StringComparer.Ordinal));
        Assert.Contains("Restore runs: dotnet version changed", retooled.Output, StringComparison.Ordinal);
        Assert.Contains("Compile runs: dotnet version changed (and 1 more)", retooled.Output, StringComparison.Ordinal);

        // Compile published the same bytes, but its inputs changed: what comes after it may read more of it than it
        // declares (the stock Test builds against Compile's obj/), so it runs too.
        Assert.Contains("Test runs: Compile changed", retooled.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forcing_a_target_whose_outputs_come_out_the_same_leaves_the_targets_after_it_up_to_date()
    {
        await FirstRunAsync();

        var (result, journal, build) = await RunAsync(null, "--force", "compile");

        Assert.Equal(["Compile", "Rollout"], journal.Entries.Order(StringComparer.Ordinal));
        Assert.Contains("Compile runs: --force", result.Output, StringComparison.Ordinal);
        RunAssert.Statuses(result, ("Restore", "UpToDate"), ("Compile", "Succeeded"), ("Test", "UpToDate"), ("BuildImage", "UpToDate"));
        Assert.Equal(build.Image!.Id, build.Deployed);
    }

    [Fact]
    public async Task Force_alone_runs_every_target()
    {
        await FirstRunAsync();

        var (result, journal, _) = await RunAsync(null, "--force");

        Assert.Equal(5, journal.Entries.Count);
        Assert.DoesNotContain("UpToDate", result.RunRecordText, StringComparison.Ordinal);
    }
}
