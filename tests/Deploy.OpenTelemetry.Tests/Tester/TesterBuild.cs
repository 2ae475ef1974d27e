using Deploy.Build;
using Deploy.OpenTelemetry;

namespace Deploy.OpenTelemetry.Tester;

/// <summary>
/// Checkout → Compile → Publish with the tracing component, reading OTEL_* from its real process environment.
/// After the run it prints which OpenTelemetry assemblies the process loaded, so a test can check that none are
/// without an endpoint.
/// </summary>
internal sealed class TesterBuild : DeployBuild, IOpenTelemetryTracing
{
    public const string LoadedLine = "OpenTelemetry assemblies loaded: ";

    public static int Main()
    {
        var exitCode = Execute<TesterBuild>(x => x.Publish);
        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetName().Name ?? "")
            .Where(name => name.StartsWith("OpenTelemetry", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Console.WriteLine(LoadedLine + (loaded.Count == 0 ? "none" : string.Join(",", loaded)));
        return exitCode;
    }

    private Target Checkout => _ => _
        .Produces("commit", () => "0123abcd")
        .Executes(() => Log.Information("Checked out 0123abcd"));

    private Target Compile => _ => _
        .DependsOn(Checkout)
        .Executes(ct => this.RunProcessAsync("sh", ["-c", "echo \"compiler sees TRACEPARENT=$TRACEPARENT\""], cancellationToken: ct));

    private Target Publish => _ => _
        .DependsOn(Compile)
        .Produces("digest", () => "sha256:" + new string('a', 64))
        .Executes(() => { });
}
