using Deploy.Build;
using Deploy.GitHub.Workflows;

namespace Deploy.GitHub;

/// <summary>
/// A build component that writes a GitHub Actions workflow mirroring the build's target graph:
/// <c>./build.sh --generate-workflow github</c> writes <c>.github/workflows/&lt;workflow-name&gt;.yml</c>;
/// with <c>--check</c> it only compares and exits 1 when the committed file is stale.
/// </summary>
public interface IGitHubWorkflows : IGitHubTriggers
{
    [Parameter("Name of the generated GitHub Actions workflow (.github/workflows/<name>.yml)")]
    string WorkflowName => GetParameter<string>() ?? "deploy";

    [Parameter("repository_dispatch event types the generated workflow runs on")]
    string[] DispatchTypes => GetParameter<string[]>() is { Length: > 0 } types ? types : ["deploy"];

    [Parameter("Parameters offered as workflow_dispatch inputs (default: every non-secret parameter; GitHub allows 25)")]
    string[] WorkflowInputs => GetParameter<string[]>() ?? [];

    [Parameter("GitHub environment the generated workflow's rollout job runs in (protection rules, environment secrets such as KUBECONFIG); none: no environment")]
    string? WorkflowEnvironment => GetParameter<string>();

    /// <summary>The command behind <c>--generate-workflow github [--check]</c>.</summary>
    IBuildCommand GitHubWorkflowCommand => new WorkflowCommand(this);
}
