using Deploy.Build;
using Deploy.Docker;
using Deploy.DotNet;
using Deploy.Git;
using Deploy.GitHub;
using Deploy.OpenTelemetry;
using Deploy.Prometheus;
using Deploy.Rollout;
using Deploy.Rollout.Verify;

/// <summary>
/// The stock pipeline, composed from build components:
/// Source | Clone -> Restore -> Compile -> { Test, Image -> Push } -> Rollout -> Verify (when a gate is given).
/// With no arguments it builds this checkout: restores, compiles (and publishes) and tests the sample service in
/// samples/hello-service while building its image, tagged with the checkout's short commit (-dirty with uncommitted
/// changes), pushes the image when --registry is given, and rolls it out to the local Docker engine (or
/// --rollout-target kubernetes), then checks it with the verification gates (--verify-url, --verify-query) when any
/// is given, rolling it back when one fails. With --repository it clones that repository and builds it instead.
/// Stage timings go to a Pushgateway when --pushgateway-url is given, and the run is exported as an OpenTelemetry
/// trace when --otlp-endpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) is.
/// </summary>
sealed partial class Build : DeployBuild, IClone, IDotNet, IVerify, IPushgatewayMetrics, IOpenTelemetryTracing, IGitHubWorkflows, IWebhookServer
{
    public static int Main() => Execute<Build>(x => ((IRollout)x).Rollout);

    // This repository's service is the sample (the component's default would find Deploy.sln at the root), in its
    // checkout and in a clone of it (--repository); another repository's service is found as the component finds it.
    string IToolchain.Project => ((IDeployBuild)this).GetParameter<string>(nameof(IToolchain.Project))
        ?? (Directory.Exists(Path.Combine(((IToolchain)this).SourceDirectory, Sample)) ? Sample : ((IToolchain)this).DiscoveredProject ?? ".");

    private const string Sample = "samples/hello-service";

    // The image says it was created when the commit was: the same commit gives the same image.
    DateTimeOffset? IImage.ImageCreated => ((IClone)this).Checkout?.CommitTime;

    // The image's org.opencontainers.image.source label: the cloned URL, only when it carries no credentials.
    string? IImage.ImageSourceUrl =>
        Uri.TryCreate(((IClone)this).Checkout?.Repository, UriKind.Absolute, out var url) && url.UserInfo.Length == 0 && !url.IsFile ? url.ToString() : null;

    Target FormatCheck => _ => _
        .Description("Check Deploy's own formatting (dotnet format --verify-no-changes)")
        .Executes(ct => this.RunProcessAsync("dotnet", ["format", "Deploy.sln", "--verify-no-changes", "--verbosity", "quiet"], cancellationToken: ct));
}
