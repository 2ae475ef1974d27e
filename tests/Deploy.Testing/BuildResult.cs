using System.Text.Json;

namespace Deploy.Testing;

/// <summary>What a run returned and printed, and what it wrote (run.json, build.log).</summary>
public sealed record BuildResult(int ExitCode, string Output, string Error, string TemporaryDirectory)
{
    public string RunRecordText => File.ReadAllText(Path.Combine(TemporaryDirectory, "run.json"));

    public JsonElement RunRecord => JsonDocument.Parse(RunRecordText).RootElement;

    public string LogFile => File.ReadAllText(Path.Combine(TemporaryDirectory, "build.log"));

    /// <summary>Everything the run said, for assertions and for the message of a failed one.</summary>
    public string Everything => Output + Error;

    public IReadOnlyList<string> PlannedTargets =>
        RunRecord.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();

    public JsonElement Target(string name) =>
        RunRecord.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    public string StatusOf(string target) => Target(target).GetProperty("status").GetString()!;

    public string? ErrorOf(string target) => Target(target).GetProperty("error").GetString();

    public string? OutputOf(string target, string output) =>
        Target(target).GetProperty("outputs") is { ValueKind: JsonValueKind.Object } outputs && outputs.TryGetProperty(output, out var value)
            ? value.GetString()
            : null;

    /// <summary>
    /// The run stopped before its first target (a bad parameter, a failed check or preflight): exit 2, and a run
    /// record whose result is Invalid, with its problems, and in which no target started.
    /// </summary>
    public bool NeverStarted =>
        ExitCode == 2
        && RunRecord is var record
        && record.GetProperty("result").GetString() == "Invalid"
        && record.GetProperty("problems").GetArrayLength() > 0
        && record.GetProperty("targets").EnumerateArray().All(t => t.GetProperty("startedAt").ValueKind == JsonValueKind.Null);

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
