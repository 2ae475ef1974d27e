using Deploy.Build;
using Deploy.GitHub;

namespace Deploy.GitHub.Tests.Support;

/// <summary>build/Build.cs as it is today: Clone → Source → Restore → Compile → Test (default), and FormatCheck beside it.</summary>
internal sealed class StockShapeBuild : DeployBuild, IGitHubWorkflows
{
    public static readonly string[] Defaults = ["Test"];

    [Parameter("Branch, tag or commit to check out")]
    public string? Ref { get; set; }

    public Target Clone => _ => _.Executes(() => { }).Produces("commit", () => "c0ffee");

    public Target Source => _ => _.Unlisted().DependsOn(Clone).DependentFor(Restore);

    public Target Restore => _ => _.Executes(() => { });

    public Target Compile => _ => _.DependsOn(Restore).Executes(() => { });

    public Target Test => _ => _.DependsOn(Compile).Executes(() => { });

    public Target FormatCheck => _ => _.Executes(() => { });
}
