using Deploy.Build;

namespace Deploy.GitHub;

/// <summary>What the generated workflow and the webhook receiver both react to: pushes to these branches.</summary>
public interface IGitHubTriggers : IDeployBuild
{
    [Parameter("Branches whose pushes run the pipeline (generated workflow and webhook receiver)")]
    string[] Branches => GetParameter<string[]>() is { Length: > 0 } branches ? branches : ["main"];
}
