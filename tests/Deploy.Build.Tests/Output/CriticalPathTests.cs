using Deploy.Build.Cli;
using Deploy.Build.Execution;
using Deploy.Build.Tests.Support;

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
