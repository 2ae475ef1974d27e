using Deploy.Build;
using Deploy.GitHub.Webhooks;

namespace Deploy.GitHub;

/// <summary>
/// A build component that serves GitHub webhooks: <c>./build.sh --serve [--listen http://127.0.0.1:8080]
/// --webhook-secret …</c> runs the pipeline (a child process of this build, at the pushed commit) for every
/// push to one of <see cref="IGitHubTriggers.Branches"/>, one run at a time per repository.
/// </summary>
public interface IWebhookServer : IGitHubTriggers
{
    [Parameter("Where --serve listens for GitHub webhooks (http://HOST:PORT; HOST an IP address or localhost)")]
    string Listen => GetParameter<string>() ?? "http://127.0.0.1:8080";

    [Parameter("The GitHub webhook's secret (X-Hub-Signature-256 is checked against it); required by --serve"), Secret]
    string? WebhookSecret => GetParameter<string>();

    [Parameter("Largest webhook body --serve accepts, in bytes (larger: 413)")]
    long WebhookMaxBody => GetParameter<long?>() ?? 5 * 1024 * 1024;

    [Parameter("How long --serve lets a running pipeline finish on shutdown before cancelling it")]
    TimeSpan ShutdownGrace => GetParameter<TimeSpan?>() ?? TimeSpan.FromMinutes(5);

    /// <summary>The command behind <c>--serve</c>.</summary>
    IBuildCommand WebhookCommand => new ServeCommand(this);
}
