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

    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
