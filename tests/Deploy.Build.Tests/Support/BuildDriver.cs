using Deploy.Build.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Build.Tests.Support;

/// <summary>Runs a build in-process against a scratch root, capturing what it prints.</summary>
public sealed class BuildDriver : IDisposable
{
    private readonly TempRoot _root = new();

    public string Root => _root.Path;
    public string Temp => _root.Temp;
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
    public int ProcessorCount { get; set; } = 4;

    /// <summary>Null: the real clock. Set a FakeTimeProvider for deterministic times.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public void WriteParameters(string json, string? profile = null) => _root.WriteParameters(json, profile);

    public async Task<BuildResult> RunAsync(DeployBuild build, string[] args, string[]? defaults = null, CancellationToken cancellation = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new BuildHost(TextWriter.Synchronized(output), TextWriter.Synchronized(error), Environment, Root, Time, ProcessorCount, cancellation);
        var exitCode = await BuildRunner.RunAsync(build, args, defaults ?? [], host);
        return new BuildResult(exitCode, output.ToString(), error.ToString(), Temp);
    }

    public void Dispose() => _root.Dispose();
}

/// <summary>What a run returned and printed, and what it wrote.</summary>
public sealed record BuildResult(int ExitCode, string Output, string Error, string TemporaryDirectory)
{
    public string RunRecordText => File.ReadAllText(Path.Combine(TemporaryDirectory, "run.json"));

    public System.Text.Json.JsonElement RunRecord => System.Text.Json.JsonDocument.Parse(RunRecordText).RootElement;

    public string LogFile => File.ReadAllText(Path.Combine(TemporaryDirectory, "build.log"));

    public string StatusOf(string target) =>
        RunRecord.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("name").GetString() == target).GetProperty("status").GetString()!;

    public IReadOnlyList<string> PlannedTargets =>
        RunRecord.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
}
