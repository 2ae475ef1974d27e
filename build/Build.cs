using Deploy.Build;
using Deploy.DotNet;
using Deploy.Prometheus;

/// <summary>
/// The stock pipeline, composed from build components. With no arguments it restores, compiles (and
/// publishes) and tests the sample service in samples/hello-service; each later stage joins as its
/// component lands. Stage timings go to a Pushgateway when --pushgateway-url is given.
/// </summary>
sealed class Build : DeployBuild, IDotNet, IPushgatewayMetrics
{
    public static int Main() => Execute<Build>(x => ((ITest)x).Test);

    Target FormatCheck => _ => _
        .Description("Check Deploy's own formatting (dotnet format --verify-no-changes)")
        .Executes(ct => this.RunProcessAsync("dotnet", ["format", "Deploy.sln", "--verify-no-changes", "--verbosity", "quiet"], cancellationToken: ct));
}
