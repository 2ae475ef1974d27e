using System.Text.RegularExpressions;
using Deploy.Build;

namespace Deploy.GitHub.Workflows;

/// <summary>The generator's validated settings.</summary>
/// <param name="Name">The workflow's name and file name.</param>
/// <param name="Branches">Branches whose pushes run it.</param>
/// <param name="DispatchTypes">The repository_dispatch event types it runs on.</param>
/// <param name="Inputs">Parameters offered as workflow_dispatch inputs.</param>
/// <param name="Environment">The GitHub environment of the deploying job; null: none.</param>
/// <param name="Kubeconfig">Whether and how the deploying job gets a kubeconfig; null when the build cannot deploy to Kubernetes.</param>
internal sealed partial record WorkflowSettings(
    string Name,
    IReadOnlyList<string> Branches,
    IReadOnlyList<string> DispatchTypes,
    IReadOnlyList<ParameterDescription> Inputs,
    string? Environment,
    KubeconfigStep? Kubeconfig)
{
    /// <summary>GitHub's limit on <c>workflow_dispatch</c> inputs.</summary>
    public const int MaxInputs = 25;

    /// <summary>Parameters of the GitHub components themselves: they configure generation, not a run.</summary>
    public static readonly string[] OwnParameters = ["WorkflowName", "DispatchTypes", "WorkflowInputs", "WorkflowEnvironment", "Branches", "Listen", "WebhookSecret", "WebhookMaxBody", "ShutdownGrace"];

    public string FileName => $"{Name}.yml";

    public static WorkflowSettings Create(IGitHubWorkflows component, BuildDescription build)
    {
        var problems = new List<string>();
        if (!SafeName().IsMatch(component.WorkflowName))
        {
            problems.Add($"Invalid --workflow-name '{component.WorkflowName}': use letters, digits, '-', '_' or '.' (it names .github/workflows/<name>.yml).");
        }

        foreach (var branch in component.Branches.Where(b => b.Length == 0 || b.Any(char.IsWhiteSpace) || b.StartsWith('-')))
        {
            problems.Add($"Invalid branch '{branch}' in --branches: a branch name or pattern has no spaces and does not start with '-' (e.g. --branches main 'release/**').");
        }

        foreach (var type in component.DispatchTypes.Where(t => !SafeName().IsMatch(t)))
        {
            problems.Add($"Invalid repository_dispatch type '{type}' in --dispatch-types: use letters, digits, '-', '_' or '.'.");
        }

        var candidates = build.Parameters.Where(p => !p.IsSecret && !OwnParameters.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        var inputs = new List<ParameterDescription>();
        if (component.WorkflowInputs.Length == 0)
        {
            inputs.AddRange(candidates);
        }

        foreach (var name in component.WorkflowInputs)
        {
            var parameter = build.FindParameter(name);
            if (parameter is null || !candidates.Contains(parameter))
            {
                problems.Add(parameter is { IsSecret: true }
                    ? $"--workflow-inputs names '{name}', a secret: secrets come from ${{{{ secrets.{parameter.EnvironmentName} }}}}, never from an input."
                    : $"--workflow-inputs names '{name}', which is not a parameter of this build. Run ./build.sh --help to list them.");
            }
            else if (!inputs.Contains(parameter))
            {
                inputs.Add(parameter);
            }
        }

        if (component.WorkflowEnvironment is { } environment && !EnvironmentName().IsMatch(environment))
        {
            problems.Add($"Invalid --workflow-environment '{environment}': use the name of a GitHub environment, at most 255 letters, digits, spaces, '-', '_' and '.', starting with a letter or digit (e.g. --workflow-environment production).");
        }

        if (inputs.Count > MaxInputs)
        {
            problems.Add($"The build has {inputs.Count} parameters to offer as workflow_dispatch inputs, but GitHub allows {MaxInputs}. Choose them with --workflow-inputs NAME ... (e.g. --workflow-inputs {string.Join(' ', inputs.Take(3).Select(p => p.CliName))}).");
        }

        return problems.Count > 0
            ? throw new WorkflowException(string.Join(System.Environment.NewLine, problems))
            : new WorkflowSettings(component.WorkflowName, component.Branches, component.DispatchTypes, inputs, component.WorkflowEnvironment, KubeconfigStep.For(build));
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex SafeName();

    // GitHub's limit is 255 characters; the characters are the ones that need no quoting and no expression syntax.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 _.-]{0,254}$")]
    private static partial Regex EnvironmentName();
}
