using System.Diagnostics;
using System.Globalization;
using Deploy.Build.Definition;
using Deploy.Build.Fingerprints;

/// <summary>
/// <c>fingerprint N</c>: the cost of fingerprinting a target whose input is a tree of N files (100 per directory,
/// about 1 KiB each, a <c>.gitignore</c> at the top excluding <c>bin/</c> and <c>obj/</c> with files in them), as a
/// run does it: walk the tree, apply the ignore rules, hash what the cache does not know, combine.
/// Cold: no hash cache (every file read). Warm: a fresh cache object loaded from <c>.nuke/temp</c> each time, as a
/// new process would (nothing changed). One file changed: one byte of one file rewritten, then warm again.
/// </summary>
internal static class Fingerprinting
{
    public static async Task<int> RunAsync(int count)
    {
        var root = Path.Combine(Path.GetTempPath(), "deploy-bench-fingerprint-" + Guid.NewGuid().ToString("N"));
        try
        {
            var tree = Path.Combine(root, "src");
            Write(root, tree, count);
            var spec = new TargetSpec
            {
                Index = 0,
                Name = "Compile",
                Actions = [_ => Task.CompletedTask],
                Inputs = [DeclaredInput.ForFiles(() => tree, [])],
            };
            var temp = Path.Combine(root, ".nuke", "temp");
            Directory.CreateDirectory(temp);

            // The hash cache keeps only files written at least FileHashes.Settled ago: wait until the tree has settled.
            var settledAt = DateTime.UtcNow + FileHashes.Settled + TimeSpan.FromMilliseconds(100);
            while (DateTime.UtcNow < settledAt)
            {
                await Task.Delay(settledAt - DateTime.UtcNow).ConfigureAwait(false);
            }

            var (cold, _, coldRead, key) = await OnceAsync(root, temp, spec).ConfigureAwait(false);
            var warm = new List<double>();
            var warmCpu = new List<double>();
            var warmRead = 0;
            for (var i = 0; i < 11; i++)
            {
                var (seconds, cpu, read, again) = await OnceAsync(root, temp, spec).ConfigureAwait(false);
                if (again != key)
                {
                    throw new InvalidOperationException("The fingerprint of an unchanged tree changed.");
                }

                warm.Add(seconds);
                warmCpu.Add(cpu);
                warmRead = read;
            }

            var changed = Path.Combine(tree, "d0", "f0.txt");
            var bytes = File.ReadAllBytes(changed);
            bytes[0] ^= 1;
            File.WriteAllBytes(changed, bytes);
            var (oneChanged, _, oneRead, changedKey) = await OnceAsync(root, temp, spec).ConfigureAwait(false);
            if (changedKey == key)
            {
                throw new InvalidOperationException("A changed byte did not change the fingerprint.");
            }

            warm.Sort();
            warmCpu.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fingerprint files={count} cold={cold:0.000}s (read {coldRead}) warm median={warm[warm.Count / 2]:0.000}s min={warm[0]:0.000}s max={warm[^1]:0.000}s cpu median={warmCpu[warmCpu.Count / 2]:0.000}s (read {warmRead}) one-file-changed={oneChanged:0.000}s (read {oneRead})"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // Wall time and the process's CPU time (user + system, all threads: the hashing is parallel), which a loaded
    // machine disturbs less than the wall time.
    private static async Task<(double Seconds, double Cpu, int Read, string? Key)> OnceAsync(string root, string temp, TargetSpec spec)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var hashes = new FileHashes(temp);
        var fingerprinter = new Fingerprinter(root, hashes, new Lazy<string>(() => "bench"), _ => null);
        var fingerprint = await fingerprinter.ComputeAsync(spec, []).ConfigureAwait(false);
        await hashes.SaveAsync().ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (seconds, (process.TotalProcessorTime - cpu).TotalSeconds, hashes.Computed, fingerprint.Key);
    }

    private static void Write(string root, string tree, int count)
    {
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        File.WriteAllText(Path.Combine(root, ".gitignore"), "bin/\nobj/\n");
        var content = new byte[1024];
        for (var i = 0; i < count; i++)
        {
            var directory = Path.Combine(tree, "d" + (i / 100).ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            content[0] = (byte)i;
            content[1] = (byte)(i >> 8);
            File.WriteAllBytes(Path.Combine(directory, "f" + (i % 100).ToString(CultureInfo.InvariantCulture) + ".txt"), content);
        }

        // Ignored files the walk must skip without reading.
        foreach (var ignored in new[] { "bin", "obj" })
        {
            var directory = Path.Combine(tree, ignored);
            Directory.CreateDirectory(directory);
            for (var i = 0; i < 100; i++)
            {
                File.WriteAllBytes(Path.Combine(directory, "x" + i.ToString(CultureInfo.InvariantCulture)), content);
            }
        }
    }
}
