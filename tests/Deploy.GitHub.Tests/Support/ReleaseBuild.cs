using Deploy.Build;
using Deploy.DotNet;
using Deploy.Git;
using Deploy.OpenTelemetry;
using Deploy.Prometheus;
using Deploy.Rollout;

namespace Deploy.GitHub.Tests.Support;

/// <summary>
/// A build as a release engineer composes it: the stock components as build/Build.cs has them, plus a parameter of
/// its own, Smoke, which depends on Rollout, and Notify, which Rollout triggers (the example of "What a user writes").
/// </summary>
internal sealed class ReleaseBuild : DeployBuild, IClone, IDotNet, IRollout, IPushgatewayMetrics, IOpenTelemetryTracing, IGitHubWorkflows, IWebhookServer
{
    /// <summary>As <c>Execute&lt;Build&gt;(x =&gt; x.Smoke)</c>: a deploy is done when the new version answers.</summary>
    public static readonly string[] Defaults = ["Smoke"];

    private readonly DescriptionCapture _description = new();

    [Parameter("Slack channel to notify")]
    public string? Channel { get; set; }

    /// <summary>The build's description as a command gets it, once <c>--describe</c> ran.</summary>
    public BuildDescription? Description => _description.Build;

    public IBuildCommand Describe => _description;

    public Target Smoke => _ => _
        .DependsOn<IRollout>(x => x.Rollout)
        .Timeout(TimeSpan.FromMinutes(2))
        .Executes(() => { });

    public Target Notify => _ => _
        .TriggeredBy<IRollout>(x => x.Rollout)
        .OnlyWhenStatic(() => Channel != null)
        .Executes(() => { });
}
