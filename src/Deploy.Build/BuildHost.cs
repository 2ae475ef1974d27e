namespace Deploy.Build;

/// <summary>
/// Everything a run takes from its process: console, environment, clock, cores, Ctrl+C. Tests pass
/// their own; <see cref="DeployBuild.Execute{T}(Func{T, Target}[])"/> passes the real ones.
/// </summary>
internal sealed record BuildHost(
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string> Environment,
    string CurrentDirectory,
    TimeProvider Time,
    int ProcessorCount,
    CancellationToken Cancellation)
{
    /// <summary>
    /// Where to look for the root when the current directory is outside it: the compiled build's own
    /// directory (build/bin), so `/repo/build.sh` works from anywhere.
    /// </summary>
    public string? ApplicationDirectory { get; init; }

    /// <summary>Whether <see cref="Out"/> is a terminal (not redirected to a file or a pipe): a live view may be drawn on it.</summary>
    public bool OutIsTerminal { get; init; }

    // The one place the process's environment and the system clock are read (RS0030 bans them elsewhere in src/):
    // from here they reach components only as IDeployBuild.EnvironmentVariables and IDeployBuild.Time.
#pragma warning disable RS0030
    public static BuildHost FromProcess(CancellationToken cancellation) => new(
        Console.Out,
        Console.Error,
        ProcessEnvironment(),
        Directory.GetCurrentDirectory(),
        TimeProvider.System,
        System.Environment.ProcessorCount,
        cancellation)
    {
        ApplicationDirectory = AppContext.BaseDirectory,
        OutIsTerminal = !Console.IsOutputRedirected,
    };

    // A plain loop: LINQ over DictionaryEntry (a struct) is a generic instantiation no ReadyToRun image holds, so it was
    // JIT-compiled on every start (a dozen methods).
    private static Dictionary<string, string> ProcessEnvironment()
    {
        var variables = System.Environment.GetEnvironmentVariables();
        var environment = new Dictionary<string, string>(variables.Count, StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in variables)
        {
            environment[(string)variable.Key] = (string?)variable.Value ?? "";
        }

        return environment;
    }
#pragma warning restore RS0030
}
