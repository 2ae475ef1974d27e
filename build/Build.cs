using Deploy.Build;
using Deploy.DotNet;
using Deploy.Git;
using Deploy.Prometheus;

/// <summary>
/// The stock pipeline, composed from build components. With no arguments it clones this repository,
/// then restores, compiles (and publishes) and tests the sample service in samples/hello-service; each
/// later stage joins as its component lands. Stage timings go to a Pushgateway when --pushgateway-url is given.
/// </summary>
sealed class Build : DeployBuild, IClone, IDotNet, IPushgatewayMetrics
{
    public static int Main() => Execute<Build>(x => ((ITest)x).Test);

    // The toolchain works on the clone, and stamps the cloned commit into what it builds.
    string IToolchain.SourceDirectory => ((IClone)this).Checkout?.Workspace ?? RootDirectory;

    string? ICompile.SourceRevision => ((IClone)this).Checkout?.Commit;

    /// <summary>Glue between two components that do not know each other: Restore needs the clone.</summary>
    Target Source => _ => _
        .Unlisted()
        .DependsOn<IClone>(x => x.Clone)
        .DependentFor<IRestore>(x => x.Restore);

    Target FormatCheck => _ => _
        .Description("Check Deploy's own formatting (dotnet format --verify-no-changes)")
        .Executes(ct => this.RunProcessAsync("dotnet", ["format", "Deploy.sln", "--verify-no-changes", "--verbosity", "quiet"], cancellationToken: ct));
}
