using Deploy.Build;
using Deploy.Build.Cli;

namespace Deploy.Testing;

/// <summary>
/// Runs a build in-process against a scratch root (a temp directory holding .nuke/, deleted on dispose),
/// with its own environment, clock and processor count, capturing what it prints.
/// </summary>
public sealed class BuildDriver : IDisposable
{
    public BuildDriver()
    {
        Root = Path.Combine(Path.GetTempPath(), "deploy-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; }

    public string Temp => Path.Combine(Root, ".nuke", "temp");

    /// <summary>
    /// The run's environment variables: the test process's without those that steer Deploy or a component
    /// (<see cref="TestEnvironment.ForBuild"/>). The processes a build starts get exactly these, so they find this
    /// machine's HOME, PATH and tool settings; a test sets what it means to steer.
    /// </summary>
    public Dictionary<string, string> Environment { get; } = TestEnvironment.ForBuild();

    public int ProcessorCount { get; set; } = 4;

    /// <summary>The real clock unless a test sets a fake one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Where a run's error stream goes as it is written, besides its result (to watch a run that waits); null: nowhere.</summary>
    public TextWriter? ErrorEcho { get; set; }

    /// <summary>Pretend the output is a terminal (a live view may be drawn on it); false: redirected, like a CI log.</summary>
    public bool Terminal { get; set; }

    public void WriteParameters(string json, string? profile = null) =>
        File.WriteAllText(Path.Combine(Root, ".nuke", profile is null ? "parameters.json" : $"parameters.{profile}.json"), json);

    public Task<BuildResult> RunAsync(DeployBuild build, string[] args, CancellationToken cancellation) =>
        RunAsync(build, args, defaults: null, cancellation);

    public Task<BuildResult> RunAsync(DeployBuild build, string[] args, string[]? defaults = null, CancellationToken cancellation = default) =>
        RunCoreAsync(build, args, defaults ?? [], cancellation);

    /// <summary>A run given its default targets as <c>Execute&lt;Build&gt;(x =&gt; x.Compile)</c> gives them: delegates, named by the build's model.</summary>
    public Task<BuildResult> RunAsync<T>(T build, string[] args, params Func<T, Target>[] defaults)
        where T : DeployBuild => RunCoreAsync(build, args, DefaultTargets.Of(build, defaults), default);

    private async Task<BuildResult> RunCoreAsync(DeployBuild build, string[] args, DefaultTargets defaults, CancellationToken cancellation)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var errors = ErrorEcho is { } echo ? new EchoWriter(error, echo) : (TextWriter)error;
        var host = new BuildHost(TextWriter.Synchronized(output), TextWriter.Synchronized(errors), Environment, Root, Time, ProcessorCount, cancellation)
        {
            OutIsTerminal = Terminal,
        };
        var exitCode = await BuildRunner.RunAsync(build, args, defaults, host).ConfigureAwait(false);
        return new BuildResult(exitCode, output.ToString(), error.ToString(), Temp);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
