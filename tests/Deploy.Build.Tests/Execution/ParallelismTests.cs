using System.Collections.Concurrent;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Execution;

public sealed class ParallelismTests
{
    /// <summary>Each target signals that it started and waits for the other's signal: only concurrency lets both finish.</summary>
    private sealed class Pair : DeployBuild
    {
        public Gate AStarted { get; } = new();
        public Gate BStarted { get; } = new();

        Target A => _ => _.Executes(async ct =>
        {
            AStarted.Open();
            await BStarted.WaitAsync(ct);
        });

        Target B => _ => _.Executes(async ct =>
        {
            BStarted.Open();
            await AStarted.WaitAsync(ct);
        });

        Target Both => _ => _.DependsOn(A, B);
    }

    [Fact]
    public async Task Two_independent_targets_are_running_at_the_same_time()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Pair(), ["Both"]);

        RunAssert.ExitCode(0, result);
        RunAssert.Statuses(result, ("A", "Succeeded"), ("B", "Succeeded"), ("Both", "Collective"));
    }

    /// <summary>
    /// Five independent targets. Each enters a meter and waits until <see cref="Cap"/> targets are inside at
    /// once: with a lower cap that never happens (a timeout fails the run), with a higher one the meter shows it.
    /// </summary>
    private sealed class Five(int cap) : DeployBuild
    {
        public ConcurrencyMeter Meter { get; } = new();
        public Gate Full { get; } = new();
        public EventRecorder Recorder { get; } = new();
        IRunObserver Observer => Recorder;

        Target T1 => _ => _.Executes(WorkAsync);
        Target T2 => _ => _.Executes(WorkAsync);
        Target T3 => _ => _.Executes(WorkAsync);
        Target T4 => _ => _.Executes(WorkAsync);
        Target T5 => _ => _.Executes(WorkAsync);
        Target All => _ => _.DependsOn(T1, T2, T3, T4, T5);

        private async Task WorkAsync(CancellationToken cancellationToken)
        {
            if (Meter.Enter() >= cap)
            {
                Full.Open();
            }

            try
            {
                await Full.WaitAsync(cancellationToken);
            }
            finally
            {
                Meter.Exit();
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_parallel_cap_is_reached_and_never_exceeded(int cap)
    {
        using var driver = new BuildDriver { ProcessorCount = 16 };
        var build = new Five(cap);

        var result = await driver.RunAsync(build, ["All", "--parallel", cap.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        RunAssert.ExitCode(0, result);
        Assert.Equal(cap, build.Meter.Max);
        Assert.Equal(cap, build.Recorder.MaxRunning);
        Assert.Equal(cap, result.RunRecord.GetProperty("parallelism").GetInt32());
    }

    [Fact]
    public async Task Without_parallel_the_cap_is_the_processor_count()
    {
        using var driver = new BuildDriver { ProcessorCount = 2 };
        var build = new Five(2);

        var result = await driver.RunAsync(build, ["All"]);

        RunAssert.ExitCode(0, result);
        Assert.Equal(2, build.Meter.Max);
        Assert.Equal(2, build.Recorder.MaxRunning);
        Assert.Equal(2, result.RunRecord.GetProperty("parallelism").GetInt32());
    }

    /// <summary>A is blocked until C has run; C needs only B. Wave-by-wave scheduling would hold C back behind A.</summary>
    private sealed class Uneven : DeployBuild
    {
        public Journal Journal { get; } = new();
        public Gate CRan { get; } = new();

        Target A => _ => _.Executes(async ct =>
        {
            Journal.Add("A started");
            await CRan.WaitAsync(ct);
            Journal.Add("A finished");
        });

        Target B => _ => _.Executes(() => Journal.Add("B"));

        Target C => _ => _.DependsOn(B).Executes(() =>
        {
            Journal.Add("C");
            CRan.Open();
        });

        Target All => _ => _.DependsOn(A, C);
    }

    [Fact]
    public async Task A_target_starts_as_soon_as_its_own_prerequisites_finish_not_wave_by_wave()
    {
        using var driver = new BuildDriver();
        var build = new Uneven();

        var result = await driver.RunAsync(build, ["All"]);

        RunAssert.ExitCode(0, result);
        var entries = build.Journal.Entries.ToList();
        Assert.True(entries.IndexOf("C") < entries.IndexOf("A finished"), string.Join(", ", entries));
        Assert.True(entries.IndexOf("B") < entries.IndexOf("C"), string.Join(", ", entries));
    }

    /// <summary>Top → Left, Right → Bottom; Left and Right also prove they run side by side.</summary>
    private sealed class Diamond : DeployBuild
    {
        public ConcurrentDictionary<string, int> Runs { get; } = new(StringComparer.Ordinal);
        public Gate LeftStarted { get; } = new();
        public Gate RightStarted { get; } = new();

        Target Top => _ => _.Executes(() => Count("Top"));

        Target Left => _ => _.DependsOn(Top).Executes(async ct =>
        {
            Count("Left");
            LeftStarted.Open();
            await RightStarted.WaitAsync(ct);
        });

        Target Right => _ => _.DependsOn(Top).Executes(async ct =>
        {
            Count("Right");
            RightStarted.Open();
            await LeftStarted.WaitAsync(ct);
        });

        Target Bottom => _ => _.DependsOn(Left, Right).Executes(() => Count("Bottom"));

        private void Count(string target) => Runs.AddOrUpdate(target, 1, (_, n) => n + 1);
    }

    [Fact]
    public async Task Each_target_of_a_diamond_runs_exactly_once_even_when_named_several_times()
    {
        using var driver = new BuildDriver();
        var build = new Diamond();

        var result = await driver.RunAsync(build, ["Bottom", "Left", "Top", "Right"]);

        RunAssert.ExitCode(0, result);
        Assert.Equal(
            new Dictionary<string, int> { ["Top"] = 1, ["Left"] = 1, ["Right"] = 1, ["Bottom"] = 1 },
            build.Runs.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal(["Top", "Left", "Right", "Bottom"], result.PlannedTargets);
    }

    /// <summary>Declared out of alphabetical order; Mike depends on Zulu, declared before it.</summary>
    private sealed class Declared : DeployBuild
    {
        public Journal Journal { get; } = new();
        public ConcurrencyMeter Meter { get; } = new();
        public EventRecorder Recorder { get; } = new();
        IRunObserver Observer => Recorder;

        Target Zulu => _ => _.Executes(RecordAsync);
        Target Alpha => _ => _.Executes(RecordAsync);
        Target Mike => _ => _.DependsOn(Zulu).Executes(RecordAsync);
        Target Kilo => _ => _.Executes(RecordAsync);
        Target Echo => _ => _.After(Kilo).Executes(RecordAsync);
        Target All => _ => _.DependsOn(Echo, Mike, Alpha, Kilo);

        private async Task RecordAsync(CancellationToken cancellationToken)
        {
            Meter.Enter();
            try
            {
                // Yield so a second target, if one were wrongly started, would overlap this one.
                await Task.Yield();
                Journal.Add(Recorder.TargetsStarted[^1].Name);
            }
            finally
            {
                Meter.Exit();
            }
        }
    }

    [Fact]
    public async Task Parallel_1_runs_one_target_at_a_time_in_declaration_order()
    {
        using var driver = new BuildDriver();
        var build = new Declared();

        var result = await driver.RunAsync(build, ["All", "--parallel", "1"]);

        RunAssert.ExitCode(0, result);
        Assert.Equal(["Zulu", "Alpha", "Mike", "Kilo", "Echo"], build.Journal.Entries);
        Assert.Equal(["Zulu", "Alpha", "Mike", "Kilo", "Echo"], build.Recorder.TargetsStarted.Select(t => t.Name));
        Assert.Equal(1, build.Meter.Max);
        Assert.Equal(1, build.Recorder.MaxRunning);
    }

    /// <summary>Blocks its thread (a synchronous action) until the async target beside it has started.</summary>
    private sealed class Blocking : DeployBuild
    {
        public Gate AsyncStarted { get; } = new();

        Target Sync => _ => _.Executes(() =>
        {
            if (!AsyncStarted.WaitAsync().Wait(Gate.Timeout))
            {
                throw new TimeoutException("The async target never started.");
            }
        });

        Target Async => _ => _.Executes(async () =>
        {
            await Task.Yield();
            AsyncStarted.Open();
        });

        Target Both => _ => _.DependsOn(Sync, Async);
    }

    [Fact]
    public async Task A_synchronous_target_that_blocks_does_not_hold_up_the_targets_beside_it()
    {
        using var driver = new BuildDriver();

        var result = await driver.RunAsync(new Blocking(), ["Both"]);

        RunAssert.ExitCode(0, result);
        RunAssert.Statuses(result, ("Sync", "Succeeded"), ("Async", "Succeeded"));
    }
}
