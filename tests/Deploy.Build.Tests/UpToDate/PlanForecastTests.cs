using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Planning;
using Deploy.Build.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.UpToDate;

/// <summary><c>--plan</c> says which targets would be up to date, and for the others the first input that changed.</summary>
public sealed class PlanForecastTests : IDisposable
{
    private const string Header = "Plan: 5 targets in 4 waves, at most 4 at once";
    private const string Since = "inputs unchanged since 2026-12-01T19:40:00Z";

    private readonly BuildDriver _driver = new() { Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 19, 40, 0, TimeSpan.Zero)) };
    private readonly ServiceRepository _repository;

    public PlanForecastTests()
    {
        _repository = new ServiceRepository(_driver.Root);
    }

    public void Dispose() => _driver.Dispose();

    private async Task<string> PlanAsync(params string[] args)
    {
        var journal = new Journal();
        var result = await _driver.RunAsync(new ServiceBuild(journal), ["Rollout", "--plan", .. args]);
        Expect.Succeeded(result);
        Assert.Empty(journal.Entries);
        return result.Output;
    }

    private async Task RunAsync()
    {
        RunAssert.ExitCode(0, await _driver.RunAsync(new ServiceBuild(new Journal()), ["Rollout"]));
        ((FakeTimeProvider)_driver.Time).Advance(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Before_any_run_every_target_with_inputs_would_run_for_lack_of_a_record()
    {
        var plan = await PlanAsync();

        Assert.Equal(Expect.Plan(
            Header,
            "Restore (runs: no successful run recorded)",
            "Compile (runs: no successful run recorded)",
            "Test (runs: no successful run recorded), BuildImage (runs: no successful run recorded)",
            "Rollout"), plan);
    }

    [Fact]
    public async Task After_a_run_with_nothing_changed_every_target_with_inputs_would_be_up_to_date()
    {
        await RunAsync();

        var plan = await PlanAsync();

        Assert.Equal(Expect.Plan(
            Header,
            $"Restore (up to date: {Since})",
            $"Compile (up to date: {Since})",
            $"Test (up to date: {Since}), BuildImage (up to date: {Since})",
            "Rollout"), plan);
    }

    [Fact]
    public async Task A_changed_file_is_the_reason_and_what_reads_a_rerun_target_s_outputs_says_so()
    {
        await RunAsync();
        _repository.Write("service/Program.cs", "app.MapGet(\"/\", () => \"hello, world\");\n");

        var plan = await PlanAsync();

        Assert.Equal(Expect.Plan(
            Header,
            $"Restore (up to date: {Since})",
            "Compile (runs: service/Program.cs changed)",
            "Test (runs: service/Program.cs changed (and 1 more)), BuildImage (runs: Compile may hand on something new)",
            "Rollout"), plan);
    }

    [Fact]
    public async Task A_changed_parameter_and_force_are_reasons_too()
    {
        await RunAsync();

        var plan = await PlanAsync("--configuration", "Debug", "--force", "Restore");

        Assert.Equal(Expect.Plan(
            Header,
            "Restore (runs: --force)",
            "Compile (runs: --configuration changed)",
            "Test (runs: --configuration changed (and 1 more)), BuildImage (runs: Compile may hand on something new)",
            "Rollout"), plan);
    }

    [Fact]
    public async Task The_plan_writes_no_record_and_no_cache()
    {
        await RunAsync();
        var before = Directory.GetFiles(_driver.Temp, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        _repository.Write("service/Program.cs", "changed");

        await PlanAsync();

        var after = Directory.GetFiles(_driver.Temp, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".html", StringComparison.Ordinal)).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.Equal(before.Where(f => !f.Key.EndsWith(".html", StringComparison.Ordinal)), after);
    }
}
