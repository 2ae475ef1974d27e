using Deploy.Build;
using Deploy.GitHub;

namespace Deploy.GitHub.Tests.Support;

/// <summary>
/// The stock pipeline's shape with no-op targets: Clone → Source → Restore → Compile → {Test, Image → Push} → Rollout,
/// Clone producing commit and ref, Push producing digest, and the kinds of parameters the real components have.
/// </summary>
internal class PipelineBuild : DeployBuild, IGitHubWorkflows, IWebhookServer
{
    public static readonly string[] Defaults = ["Rollout"];

    [Parameter("Repository to clone")]
    public string? Repository { get; set; }

    [Parameter("Branch, tag or commit to check out")]
    public string? Ref { get; set; }

    [Parameter("Also check out submodules")]
    public bool Submodules { get; set; }

    [Parameter("The pushed image's digest (set by the image job)")]
    public string? Digest { get; set; }

    [Parameter("Token for HTTPS repositories"), Secret]
    public string? GitToken { get; set; }

    [Parameter("Registry password"), Secret]
    public string? RegistryPassword { get; set; }

    public Target Clone => _ => _.Description("Clone the repository").Executes(() => { }).Produces("commit", () => "c0ffee").Produces("ref", () => Ref);

    public Target Source => _ => _.Unlisted().DependsOn(Clone).DependentFor(Restore);

    public Target Restore => _ => _.Executes(() => { });

    public Target Compile => _ => _.DependsOn(Restore).Executes(() => { });

    public Target Test => _ => _.DependsOn(Compile).Executes(() => { });

    public Target Image => _ => _.DependsOn(Compile).Executes(() => { });

    public Target Push => _ => _.DependsOn(Image).Executes(() => { }).Produces("digest", () => "sha256:abc");

    public Target Rollout => _ => _.DependsOn(Test, Push).Executes(() => { });
}
