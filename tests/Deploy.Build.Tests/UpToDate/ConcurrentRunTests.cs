using System.Text.Json;
using Deploy.Build.Records;
using Deploy.Build.Tests.Execution;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.UpToDate;

/// <summary>Two runs at once on one root: the second waits for the first, then finds its records whole and uses them.</summary>
public sealed class ConcurrentRunTests
{
    /// <summary>Make reads input.txt and hands on a value; while <c>hold</c> is set it waits for it in the middle.</summary>
    private sealed class Slow(Journal journal, Gate? entered = null, Gate? hold = null) : DeployBuild
    {
        public string? Made { get; private set; }

        Target Make => _ => _
            .Inputs(i => i.Files(".", "/input.txt"))
            .Outputs(() => Made, made => Made = made)
            .Executes(async ct =>
            {
                journal.Add("Make");
                entered?.Open();
                if (hold is not null)
                {
                    await hold.WaitAsync(ct);
                }

                Made = "made by the first run";
            });
    }

    [Fact]
    public async Task A_second_run_on_the_root_waits_for_the_first_and_finds_its_cache_whole()
    {
        using var driver = new BuildDriver();
        File.WriteAllText(Path.Combine(driver.Root, "input.txt"), "input");
        var entered = new Gate();
        var hold = new Gate();
        var firstJournal = new Journal();
        var first = driver.RunAsync(new Slow(firstJournal, entered, hold), ["Make"]);
        await entered.WaitAsync();

        var watched = new StringWriter();
        driver.ErrorEcho = TextWriter.Synchronized(watched);
        var secondJournal = new Journal();
        var secondBuild = new Slow(secondJournal);
        var second = driver.RunAsync(secondBuild, ["Make"]);
        await Poll.UntilAsync(() => watched.ToString().Contains("waiting for it to finish", StringComparison.Ordinal), Gate.Timeout, "the second run to wait for the first");
        Assert.False(second.IsCompleted);

        hold.Open();
        RunAssert.ExitCode(0, await first.WaitAsync(Gate.Timeout));
        var result = await second.WaitAsync(Gate.Timeout);

        RunAssert.ExitCode(0, result);
        Assert.Equal(["Make"], firstJournal.Entries);
        Assert.Empty(secondJournal.Entries);
        RunAssert.Statuses(result, ("Make", "UpToDate"));
        Assert.Equal("made by the first run", secondBuild.Made);
        Assert.Contains($"Another run on this root is in progress (it holds {Path.Combine(driver.Temp, RunLock.FileName)})", result.Error, StringComparison.Ordinal);

        // The first run's record went to the history whole as the second started.
        var history = Directory.GetFiles(Path.Combine(driver.Temp, RunHistory.DirectoryName), RunRecord.FileName, SearchOption.AllDirectories);
        using var firstRecord = JsonDocument.Parse(File.ReadAllText(Assert.Single(history)));
        Assert.Equal("Succeeded", firstRecord.RootElement.GetProperty("targets")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_run_cancelled_while_it_waits_runs_nothing()
    {
        using var driver = new BuildDriver();
        File.WriteAllText(Path.Combine(driver.Root, "input.txt"), "input");
        var entered = new Gate();
        var hold = new Gate();
        var first = driver.RunAsync(new Slow(new Journal(), entered, hold), ["Make"]);
        await entered.WaitAsync();
        var watched = new StringWriter();
        driver.ErrorEcho = TextWriter.Synchronized(watched);
        using var cancellation = new CancellationTokenSource();
        var journal = new Journal();
        var second = driver.RunAsync(new Slow(journal), ["Make"], cancellation.Token);
        await Poll.UntilAsync(() => watched.ToString().Contains("waiting for it to finish", StringComparison.Ordinal), Gate.Timeout, "the second run to wait for the first");

        await cancellation.CancelAsync();
        var result = await second.WaitAsync(Gate.Timeout);
        hold.Open();
        await first.WaitAsync(Gate.Timeout);

        RunAssert.ExitCode(130, result);
        Assert.Contains("Cancelled while waiting for the other run on this root; nothing ran.", result.Error, StringComparison.Ordinal);
        Assert.Empty(journal.Entries);
    }

    [Fact]
    public async Task Writers_racing_on_one_file_leave_one_of_their_contents_whole_and_nothing_else()
    {
        using var driver = new BuildDriver();
        var path = Path.Combine(driver.Root, "record.json");

        // Contents of different lengths: a mix of two would show as a length or a letter that no writer wrote.
        var contents = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), 400_000 - (i * 1000))).ToList();
        for (var round = 0; round < 8; round++)
        {
            var start = new Gate();
            var writers = contents.Select(content => Task.Run(async () =>
            {
                await start.WaitAsync();
                await AtomicFile.WriteAsync(path, System.Text.Encoding.UTF8.GetBytes(content));
            })).ToList();
            start.Open();
            await Task.WhenAll(writers).WaitAsync(Gate.Timeout);

            Assert.Contains(File.ReadAllText(path), contents);
            Assert.Equal([path], Directory.GetFiles(driver.Root));
        }
    }
}
