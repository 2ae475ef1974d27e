using System.Diagnostics;
using System.Globalization;
using Deploy.Build;
using Deploy.Build.Definition;
using Deploy.Build.Execution;
using Deploy.Build.Logging;
using Deploy.Build.Planning;
using Serilog;

// Engine benchmarks, in-process: the engine's own cost (plan + schedule + log) without process start-up.
//   overhead N [layers]   N no-op targets in a layered DAG (each depends on 3 of the previous layer)
//   parallel W L D        W x L targets that each await D ms: wall time vs critical path and vs the sum
//   fingerprint N         fingerprinting a target whose input is a tree of N files: cold, warm, one file changed
//   verify RUNS           the verification gates' cost beyond the wait (one URL and one query gate, local servers)
return args switch
{
    ["overhead", var n, ..] => await Overhead(int.Parse(n, CultureInfo.InvariantCulture)),
    ["parallel", var w, var l, var d] => await Parallel(int.Parse(w, CultureInfo.InvariantCulture), int.Parse(l, CultureInfo.InvariantCulture), int.Parse(d, CultureInfo.InvariantCulture)),
    ["fingerprint", var n] => await Fingerprinting.RunAsync(int.Parse(n, CultureInfo.InvariantCulture)),
    ["verify", var runs] => await VerifyGatesBench.RunAsync(int.Parse(runs, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Deploy.Bench overhead N | parallel WIDTH LAYERS DELAY_MS | fingerprint FILES | verify RUNS");
    return 2;
}

static async Task<int> Overhead(int count)
{
    var width = Math.Max(1, (int)Math.Sqrt(count));
    var samples = new List<double>();
    for (var run = 0; run < 12; run++)
    {
        var specs = Layered(count, width, _ => Task.CompletedTask);
        var watch = Stopwatch.StartNew();
        await PlanAndRun(specs, width, Environment.ProcessorCount);
        samples.Add(watch.Elapsed.TotalSeconds);
    }

    // The first runs include JIT: report the median of the rest, and the first (cold) one.
    var warm = samples.Skip(2).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"overhead targets={count} layers={(count + width - 1) / width} cold={samples[0]:0.000}s median={warm[warm.Count / 2]:0.000}s min={warm[0]:0.000}s"));
    return 0;
}

static async Task<int> Parallel(int width, int layers, int delayMs)
{
    var count = width * layers;

    // Warm up (JIT) on a tiny plan first, so the measured runs time scheduling, not compilation.
    await PlanAndRun(Layered(width * 2, width, ct => Task.Delay(1, ct)), width, width);
    foreach (var parallelism in new[] { width, 1 })
    {
        var specs = Layered(count, width, ct => Task.Delay(delayMs, ct));
        var watch = Stopwatch.StartNew();
        await PlanAndRun(specs, width, parallelism);
        var wall = watch.Elapsed.TotalSeconds;
        var critical = layers * delayMs / 1000.0;
        var sum = count * delayMs / 1000.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parallel width={width} layers={layers} delay={delayMs}ms --parallel {parallelism}: wall={wall:0.000}s critical-path={critical:0.000}s sum={sum:0.000}s wall/critical={wall / critical:0.000} wall/sum={wall / sum:0.000}"));
    }

    return 0;
}

static List<TargetSpec> Layered(int count, int width, Func<CancellationToken, Task> action)
{
    var specs = new List<TargetSpec>(count);
    for (var i = 0; i < count; i++)
    {
        var spec = new TargetSpec { Index = i, Name = $"T{i}", Actions = [action] };
        var layerStart = i / width * width;
        if (layerStart > 0)
        {
            // Three targets of the previous layer: a few edges each, as a real pipeline has.
            foreach (var offset in new[] { 0, 1, 2 })
            {
                var dependency = layerStart - width + ((i + offset) % width);
                if (!spec.DependsOn.Contains(dependency))
                {
                    spec.DependsOn.Add(dependency);
                }
            }
        }

        specs.Add(spec);
    }

    return specs;
}

static async Task PlanAndRun(List<TargetSpec> specs, int width, int parallelism)
{
    var model = new BuildModel(specs, [], []);
    // Invoke every target nothing depends on, so the whole DAG is planned.
    var needed = specs.SelectMany(s => s.DependsOn).ToHashSet();
    var last = specs.Where(s => !needed.Contains(s.Index)).Select(s => s.Name).ToList();
    var plan = Planner.Plan(model, new PlanRequest(last), []).Plan ?? throw new InvalidOperationException("no plan");
    var masker = new SecretMasker();
    var scope = new TargetScope();
    using var sink = new LineSink(TextWriter.Null, TextWriter.Null, masker, Verbosity.Normal);
    using var logger = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.With(scope).WriteTo.Sink(sink).CreateLogger();
    var executor = new Executor(plan, new ExecutorOptions(parallelism, KeepGoing: false), new RunServices(logger, scope, TimeProvider.System, masker, []));
    var outcome = await executor.RunAsync(CancellationToken.None);
    if (Environment.GetEnvironmentVariable("BENCH_TRACE") == "1")
    {
        foreach (var t in outcome.Targets)
        {
            Console.WriteLine($"{t.Name} start=+{(t.StartedAt!.Value - outcome.StartedAt).TotalMilliseconds:0} dur={t.Duration.TotalMilliseconds:0}");
        }
    }

    if (outcome.Result != RunResult.Succeeded || outcome.Targets.Count != specs.Count)
    {
        throw new InvalidOperationException($"run {outcome.Result} with {outcome.Targets.Count} of {specs.Count} targets");
    }
}
