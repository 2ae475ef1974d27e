using System.Runtime.ExceptionServices;
using Deploy.Build;

namespace Deploy.DotNet.Toolchains;

/// <summary>How one kind of service (.NET, Go) is restored, compiled, published and tested.</summary>
internal abstract class Toolchain
{
    /// <summary>What was found, for the log: ".NET solution service/Service.slnx".</summary>
    public abstract string Description { get; }

    public abstract Task RestoreAsync(IRestore build, CancellationToken cancellationToken);

    /// <summary>The toolchain's version, an input of Restore, Compile and Test (<see cref="ServiceInputs"/>).</summary>
    public abstract Task<string> VersionAsync(IToolchain build, CancellationToken cancellationToken);

    /// <summary>What <paramref name="program"/> printed, for <see cref="VersionAsync"/>; a failure throws, so the target's inputs cannot be read and it runs.</summary>
    protected static async Task<string> VersionOfAsync(IToolchain build, string program, string[] arguments, string directory, CancellationToken cancellationToken) =>
        await ServiceInputs.OutputAsync(build, program, arguments, directory, cancellationToken).ConfigureAwait(false) is { Count: > 0 } lines
            ? string.Join('\n', lines).Trim()
            : throw new DeployException($"'{program} {string.Join(' ', arguments)}' in '{directory}' failed, so the toolchain's version is unknown. Check that {program} is installed and on PATH.");

    /// <summary>Builds and publishes; null when the service has nothing to publish.</summary>
    public abstract Task<PublishedService?> CompileAsync(ICompile build, CancellationToken cancellationToken);

    /// <summary>Runs the tests into <paramref name="resultsDirectory"/>. A non-zero exit throws <see cref="ProcessFailedException"/>.</summary>
    protected abstract Task RunTestsAsync(ITest build, string resultsDirectory, CancellationToken cancellationToken);

    /// <summary>Reads what <see cref="RunTestsAsync"/> wrote.</summary>
    protected abstract TestSummary ReadTestResults(ITest build, string resultsDirectory);

    /// <summary>Runs the tests, records and logs the counts, and fails with the failed tests' names and messages.</summary>
    public async Task TestAsync(ITest build, CancellationToken cancellationToken)
    {
        var results = build.TestResultsDirectory;
        Directories.Empty(results);

        ProcessFailedException? failure = null;
        try
        {
            await RunTestsAsync(build, results, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessFailedException exception)
        {
            failure = exception;
        }

        var summary = ReadTestResults(build, results) with { RanAt = build.Time.GetUtcNow() };
        ToolchainState.Of(build).TestResults = summary;
        build.Log.Information("Tests: {Summary}", summary.ToString());
        if (summary.Failed > 0)
        {
            throw new TestsFailedException(summary, failure);
        }

        if (failure is not null)
        {
            // The runner failed without a failed test to show (a crash, a build error): its last lines say why.
            ExceptionDispatchInfo.Throw(failure);
        }

        if (summary.Total == 0)
        {
            build.Log.Warning("No tests were found in {Toolchain}", Description);
        }
    }
}
