using Deploy.Build;
using Deploy.Docker;
using Deploy.DotNet;
using Deploy.Git;
using Deploy.GitHub;
using Deploy.OpenTelemetry;
using Deploy.Prometheus;
using Deploy.Rollout;

/// <summary>
/// The stock pipeline, composed from build components:
/// Clone -> Restore -> Compile -> { Test, Image -> Push } -> Rollout.
/// With no arguments it clones this repository, restores, compiles (and publishes) and tests the sample service
/// in samples/hello-service while building its image, pushes the image when --registry is given, and rolls it
/// out to the local Docker engine (or --rollout-target kubernetes). Stage timings go to a Pushgateway when
/// --pushgateway-url is given, and the run is exported as an OpenTelemetry trace when --otlp-endpoint (or
/// OTEL_EXPORTER_OTLP_ENDPOINT) is.
/// </summary>
sealed partial class Build : DeployBuild, IClone, IDotNet, IRollout, IPushgatewayMetrics, IOpenTelemetryTracing, IGitHubWorkflows, IWebhookServer
{
    public static int Main() => Execute<Build>(x => ((IRollout)x).Rollout);

    // The toolchain works on the clone, and stamps the cloned commit into what it builds.
    string IToolchain.SourceDirectory => ((IClone)this).Checkout?.Workspace ?? RootDirectory;

    // Until Clone has run, the source is not there: the Dockerfile is checked the moment it is, before Restore.
    bool IToolchain.HasSource => ((IClone)this).Checkout is not null;

    string? ICompile.SourceRevision => ((IClone)this).Checkout?.Commit;

    // The image's org.opencontainers.image.source label: the cloned URL, only when it carries no credentials.
    string? IImage.ImageSourceUrl =>
        Uri.TryCreate(((IClone)this).Checkout?.Repository, UriKind.Absolute, out var url) && url.UserInfo.Length == 0 && !url.IsFile ? url.ToString() : null;

    /// <summary>Glue between two components that do not know each other: Restore needs the clone.</summary>
    Target Source => _ => _
        .Unlisted()
        .DependsOn<IClone>(x => x.Clone)
        .DependentFor<IRestore>(x => x.Restore);

    Target FormatCheck => _ => _
        .Description("Check Deploy's own formatting (dotnet format --verify-no-changes)")
        .Executes(ct => this.RunProcessAsync("dotnet", ["format", "Deploy.sln", "--verify-no-changes", "--verbosity", "quiet"], cancellationToken: ct));
}
