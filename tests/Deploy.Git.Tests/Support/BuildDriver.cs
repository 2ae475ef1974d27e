using Deploy.Build;
using Deploy.Build.Cli;

namespace Deploy.Git.Tests.Support;

/// <summary>Runs a build in-process against a scratch root, capturing what it prints (as the engine's tests do).</summary>
public sealed class BuildDriver : IDisposable
{
    public BuildDriver()
    {
        Root = Scratch.Directory("root");
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }

    public string Temp => Path.Combine(Root, ".nuke", "temp");

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public async Task<BuildResult> RunAsync(DeployBuild build, string[] args, CancellationToken cancellation = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new BuildHost(TextWriter.Synchronized(output), TextWriter.Synchronized(error), Environment, Root, TimeProvider.System, 2, cancellation);
        var exitCode = await BuildRunner.RunAsync(build, args, [], host);
        return new BuildResult(exitCode, output.ToString(), error.ToString(), Temp);
    }

    public void Dispose() => Scratch.Delete(Root);
}

/// <summary>What a run returned and printed, and what it wrote.</summary>
public sealed record BuildResult(int ExitCode, string Output, string Error, string TemporaryDirectory)
{
    public string RunRecordText => File.ReadAllText(Path.Combine(TemporaryDirectory, "run.json"));

    public System.Text.Json.JsonElement RunRecord => System.Text.Json.JsonDocument.Parse(RunRecordText).RootElement;

    public string LogFile => File.ReadAllText(Path.Combine(TemporaryDirectory, "build.log"));

    public System.Text.Json.JsonElement Target(string name) =>
        RunRecord.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name);

    public string? OutputOf(string target, string name) =>
        Target(target).GetProperty("outputs") is { ValueKind: System.Text.Json.JsonValueKind.Object } outputs && outputs.TryGetProperty(name, out var value)
            ? value.GetString()
            : null;

    /// <summary>Everything the run said, for assertions and for the message of a failed one.</summary>
    public string Everything => Output + Error;
}
