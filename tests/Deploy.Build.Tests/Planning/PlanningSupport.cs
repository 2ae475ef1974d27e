using System.Runtime.CompilerServices;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Planning;

/// <summary>A build whose targets write their names to a journal when they run.</summary>
internal abstract class RecordingBuild : DeployBuild
{
    public Journal Journal { get; } = new();

    /// <summary>The action of a target that only records that it ran: <c>Target A =&gt; _ =&gt; _.Executes(Ran());</c></summary>
    protected Action Ran([CallerMemberName] string target = "") => () => Journal.Add(target);
}

/// <summary>Assertions on what a run planned, ran and reported.</summary>
internal static class Expect
{
    /// <summary>The text of <c>--plan</c>: the header, then one line per wave.</summary>
    public static string Plan(string header, params string[] waves) =>
        header + "\n" + string.Concat(waves.Select((wave, i) => $"{i + 1}: {wave}\n"));

    /// <summary>
    /// Exit 2, no target ran, and the run record (when the invocation got as far as a root) says so: result Invalid,
    /// the problems, no target started.
    /// </summary>
    public static void NothingRan(BuildResult result, Journal? journal = null)
    {
        Assert.True(result.ExitCode == 2, $"Expected exit code 2, got {result.ExitCode}. Error:\n{result.Error}\nOutput:\n{result.Output}");
        Assert.Empty(journal?.Entries ?? []);
        Assert.Contains("Nothing ran", result.Error, StringComparison.Ordinal);
        if (File.Exists(Path.Combine(result.TemporaryDirectory, "run.json")))
        {
            Assert.True(result.NeverStarted, result.RunRecordText);
        }
    }

    /// <summary>Exit 0, with the error stream shown when it is not.</summary>
    public static void Succeeded(BuildResult result) =>
        Assert.True(result.ExitCode == 0, $"Expected exit code 0, got {result.ExitCode}. Error:\n{result.Error}\nOutput:\n{result.Output}");

    /// <summary>The reason the run record gives for a target's status.</summary>
    public static string? ReasonOf(BuildResult result, string target) =>
        result.RunRecord.GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == target)
            .GetProperty("reason").GetString();
}
