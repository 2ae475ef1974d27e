using System.Text.Json;
using Deploy.Build.Tests.Support;

namespace Deploy.Build.Tests.Execution;

/// <summary>Assertions on a finished run that show what the build printed when they fail.</summary>
internal static class RunAssert
{
    public static void ExitCode(int expected, BuildResult result) =>
        Assert.True(result.ExitCode == expected, $"Expected exit code {expected}, got {result.ExitCode}.\nError:\n{result.Error}\nOutput:\n{result.Output}");

    /// <summary>Each (target, status) pair, read from the run record.</summary>
    public static void Statuses(BuildResult result, params (string Target, string Status)[] expected)
    {
        var actual = expected.Select(e => (e.Target, result.StatusOf(e.Target))).ToArray();
        Assert.True(expected.SequenceEqual(actual), $"Expected {Show(expected)}, got {Show(actual)}.\nOutput:\n{result.Output}");
    }

    public static JsonElement TargetRecord(BuildResult result, string target) =>
        result.RunRecord.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("name").GetString() == target);

    public static string? ReasonOf(BuildResult result, string target) => TargetRecord(result, target).GetProperty("reason").GetString();

    public static string? ErrorOf(BuildResult result, string target) => TargetRecord(result, target).GetProperty("error").GetString();

    public static string ResultOf(BuildResult result) => result.RunRecord.GetProperty("result").GetString()!;

    private static string Show((string Target, string Status)[] pairs) => string.Join(", ", pairs.Select(p => $"{p.Target}={p.Status}"));
}
