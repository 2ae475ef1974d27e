using System.Text.Json;

namespace Deploy.DotNet.Tests.Support;

/// <summary>What a run returned and printed, and what it wrote.</summary>
public sealed record BuildResult(int ExitCode, string Output, string Error, string TemporaryDirectory)
{
    public JsonElement RunRecord => JsonDocument.Parse(File.ReadAllText(Path.Combine(TemporaryDirectory, "run.json"))).RootElement;

    public JsonElement Target(string name) =>
        RunRecord.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    public string StatusOf(string target) => Target(target).GetProperty("status").GetString()!;

    public string? ErrorOf(string target) => Target(target).GetProperty("error").GetString();

    public string? OutputOf(string target, string output) =>
        Target(target).GetProperty("outputs") is { ValueKind: JsonValueKind.Object } outputs && outputs.TryGetProperty(output, out var value) ? value.GetString() : null;

    /// <summary>Everything, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
