using Deploy.Build.Cli;
using Deploy.Build.Execution;
using Deploy.Build.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Output;

public sealed class CriticalPathTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 20, 0, 0, TimeSpan.Zero);

    private static TargetFinishedEvent Ran(string name, int start, int duration, TargetStatus status = TargetStatus.Succeeded) =>
        new(name, status, Start.AddMilliseconds(start), Start.AddMilliseconds(start + duration), TimeSpan.FromMilliseconds(duration), null, null, new Dictionary<string, string>());

    private static TargetFinishedEvent NotStarted(string name, TargetStatus status) =>
        new(name, status, null, null, TimeSpan.Zero, "reason", null, new Dictionary<string, string>());

    /// <summary>Clone, then Fast and Slow beside each other, then Join waiting for both.</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> Diamond = new()
    {
        ["Clone"] = [],
        ["Fast"] = ["Clone"],
        ["Slow"] = ["Clone"],
        ["Join"] = ["Fast", "Slow"],
    };

    private static IEnumerable<string> Names(IReadOnlyList<TargetFinishedEvent> path) => path.Select(t => t.Name);

    [Fact]
    public void The_slow_side_of_a_diamond_is_the_critical_path()
    {
        TargetFinishedEvent[] targets = [Ran("Clone", 0, 1000), Ran("Fast", 1000, 500), Ran("Slow", 1000, 4000), Ran("Join", 5010, 990)];

        var path = CriticalPath.Find(targets, Diamond, parallelism: 2);

        Assert.Equal(["Clone", "Slow", "Join"], Names(path));
    }

    [Fact]
    public void The_slow_side_wins_whichever_side_is_declared_first()
    {
        TargetFinishedEvent[] targets = [Ran("Clone", 0, 1000), Ran("Fast", 1000, 4000), Ran("Slow", 1000, 500), Ran("Join", 5010, 990)];

        var path = CriticalPath.Find(targets, Diamond, parallelism: 2);

        Assert.Equal(["Clone", "Fast", "Join"], Names(path));
    }

    [Fact]
    public void The_path_ends_at_the_target_that_finished_last_even_outside_the_longest_chain()
    {
        // Lint depends on nothing and runs longest: it alone bounded the wall time.
        var graph = new Dictionary<string, IReadOnlyList<string>>(Diamond) { ["Lint"] = [] };
        TargetFinishedEvent[] targets = [Ran("Clone", 0, 1000), Ran("Lint", 0, 9000), Ran("Fast", 1000, 500), Ran("Slow", 1000, 4000), Ran("Join", 5010, 990)];

        var path = CriticalPath.Find(targets, graph, parallelism: 3);

        Assert.Equal(["Lint"], Names(path));
    }

    [Fact]
    public void A_prerequisite_that_never_ran_is_walked_through_to_its_own_prerequisites()
    {
        // Join was not run (Slow failed), Notify ran anyway (assured): Slow's failure is what it waited for.
        var graph = new Dictionary<string, IReadOnlyList<string>>(Diamond) { ["Notify"] = ["Join"] };
        TargetFinishedEvent[] targets =
        [
            Ran("Clone", 0, 1000), Ran("Fast", 1000, 500), Ran("Slow", 1000, 4000, TargetStatus.Failed),
            NotStarted("Join", TargetStatus.NotRun), Ran("Notify", 5020, 100),
        ];

        var path = CriticalPath.Find(targets, graph, parallelism: 3);

        Assert.Equal(["Clone", "Slow", "Notify"], Names(path));
    }

    [Fact]
    public void No_target_ran_no_path()
    {
        TargetFinishedEvent[] targets = [NotStarted("Clone", TargetStatus.Skipped), NotStarted("Fast", TargetStatus.NotRun)];

        Assert.Empty(CriticalPath.Find(targets, Diamond, parallelism: 2));
    }

    [Fact]
    public void The_summary_line_names_the_path_and_the_sum_of_its_durations()
    {
        TargetFinishedEvent[] targets = [Ran("Clone", 0, 1000), Ran("Fast", 1000, 500), Ran("Slow", 1000, 4000), Ran("Join", 5010, 990)];
        var run = new RunOutcome(RunResult.Succeeded, Start, Start.AddMilliseconds(6000), TimeSpan.FromMilliseconds(6000), []);

        var text = SummaryWriter.Render(run, targets, [], CriticalPath.Find(targets, Diamond, parallelism: 2));

        Assert.Contains("\nCritical path: Clone -> Slow -> Join (0:05.99)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void With_one_slot_the_path_is_the_whole_sequence()
    {
        // Slow waited for Fast, not for Clone: the one slot was Fast's until it ended.
        TargetFinishedEvent[] targets = [Ran("Clone", 0, 1000), Ran("Fast", 1000, 500), Ran("Slow", 1500, 4000), Ran("Join", 5500, 500)];

        var path = CriticalPath.Find(targets, Diamond, parallelism: 1);

        Assert.Equal(["Clone", "Fast", "Slow", "Join"], Names(path));
    }

    [Fact]
    public void A_target_that_waited_for_a_slot_waited_for_the_target_whose_end_freed_it()
    {
        // Three targets after Clone, two slots: C started when B ended, so B (not Clone) is what C waited for.
        var graph = new Dictionary<string, IReadOnlyList<string>> { ["Clone"] = [], ["A"] = ["Clone"], ["B"] = ["Clone"], ["C"] = ["Clone"] };
        TargetFinishedEvent[] targets = [Ran("Clone", 0, 1000), Ran("A", 1000, 5000), Ran("B", 1000, 2000), Ran("C", 3000, 4000)];

        var path = CriticalPath.Find(targets, graph, parallelism: 2);

        Assert.Equal(["Clone", "B", "C"], Names(path));
    }

    [Fact]
    public void A_target_that_ended_just_before_another_started_is_not_on_its_path_while_a_slot_was_free()
    {
        // Lint ends a moment before Join starts, but Join waited for Slow, with a slot to spare.
        var graph = new Dictionary<string, IReadOnlyList<string>>(Diamond) { ["Lint"] = [] };
        TargetFinishedEvent[] targets = [Ran("Clone", 0, 1000), Ran("Lint", 0, 5005), Ran("Fast", 1000, 500), Ran("Slow", 1000, 4000), Ran("Join", 5010, 990)];

        var path = CriticalPath.Find(targets, graph, parallelism: 3);

        Assert.Equal(["Clone", "Slow", "Join"], Names(path));
    }

    /// <summary>Clone → Compile → {Test, Image → Push} → Rollout, each target moving the fake clock by a known time.</summary>
    private sealed class Timed(FakeTimeProvider clock) : DeployBuild
    {
        private Target Step(int milliseconds) => _ => _.Executes(() => clock.Advance(TimeSpan.FromMilliseconds(milliseconds)));

        Target Clone => _ => Step(1000)(_);
        Target Compile => _ => Step(2000)(_).DependsOn(Clone);
        Target Test => _ => Step(4000)(_).DependsOn(Compile);
        Target Image => _ => Step(1500)(_).DependsOn(Compile);
        Target Push => _ => Step(500)(_).DependsOn(Image);
        Target Rollout => _ => Step(700)(_).DependsOn(Test, Push);
    }

    [Fact]
    public async Task A_sequential_run_prints_the_whole_sequence_and_run_html_draws_the_same_path()
    {
        var clock = new FakeTimeProvider(Start);
        using var driver = new BuildDriver { Time = clock };

        var result = await driver.RunAsync(new Timed(clock), ["Rollout", "--parallel", "1"]);

        Execution.RunAssert.ExitCode(0, result);
        Assert.Contains("\nCritical path: Clone -> Compile -> Test -> Image -> Push -> Rollout (0:09.70)\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("Wall time 0:09.70", result.Output, StringComparison.Ordinal);
        var page = File.ReadAllText(Path.Combine(driver.Temp, "run.html"));
        Assert.Contains("""<p class="critical-path">Critical path (outlined): Clone → Compile → Test → Image → Push → Rollout</p>""", page, StringComparison.Ordinal);
    }

    private sealed class Gated : DeployBuild, IRunObserver
    {
        private readonly Execution.Gate _fastFinished = new();

        Target Clone => _ => _.Executes(() => Log.Information("cloned"));
        Target Fast => _ => _.DependsOn(Clone).Executes(() => Log.Information("fast"));

        // Slow ends only after Fast has finished: it is the side Join waited for.
        Target Slow => _ => _.DependsOn(Clone).Executes(ct => _fastFinished.WaitAsync(ct));
        Target Join => _ => _.DependsOn(Fast, Slow).Executes(() => Log.Information("joined"));

        public void TargetFinished(TargetFinishedEvent target)
        {
            if (target.Name == "Fast")
            {
                _fastFinished.Open();
            }
        }
    }

    [Fact]
    public async Task A_real_run_prints_the_critical_path_under_the_table()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Gated(), ["Join"]);

        Execution.RunAssert.ExitCode(0, result);
        Assert.Matches(@"(?m)^Critical path: Clone -> Slow -> Join \(\d:\d\d\.\d\d\)$", result.Output);
    }
}
