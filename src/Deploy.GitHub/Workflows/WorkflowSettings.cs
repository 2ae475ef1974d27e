using System.Text.RegularExpressions;
using Deploy.Build;

namespace Deploy.GitHub.Workflows;

/// <summary>The generator's validated settings.</summary>
/// <param name="Name">The workflow's name and file name.</param>
/// <param name="Branches">Branches whose pushes run it.</param>
/// <param name="DispatchTypes">The repository_dispatch event types it runs on.</param>
/// <param name="Inputs">Parameters offered as workflow_dispatch inputs.</param>
/// <param name="LeftOut">Parameters that could be inputs but are not (the file names them, and how to add them).</param>
/// <param name="Chosen">Whether <c>--workflow-inputs</c> named the inputs (else they were chosen automatically).</param>
/// <param name="Environment">The GitHub environment of the deploying job; null: none.</param>
/// <param name="Kubeconfig">Whether and how the deploying job gets a kubeconfig; null when the build cannot deploy to Kubernetes.</param>
internal sealed partial record WorkflowSettings(
    string Name,
    IReadOnlyList<string> Branches,
    IReadOnlyList<string> DispatchTypes,
    IReadOnlyList<ParameterDescription> Inputs,
    IReadOnlyList<ParameterDescription> LeftOut,
    bool Chosen,
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
        var inputs = component.WorkflowInputs.Length == 0 ? Choose(candidates) : [];
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
            problems.Add($"--workflow-inputs names {inputs.Count} parameters, but GitHub allows {MaxInputs} workflow_dispatch inputs. Name at most {MaxInputs}, or give none and the build's own parameters and the frequent ones are offered.");
        }

        var leftOut = candidates.Where(p => !inputs.Contains(p)).ToList();
        return problems.Count > 0
            ? throw new WorkflowException(string.Join(System.Environment.NewLine, problems))
            : new WorkflowSettings(component.WorkflowName, component.Branches, component.DispatchTypes, inputs, leftOut, component.WorkflowInputs.Length > 0, component.WorkflowEnvironment, KubeconfigStep.For(build));
    }

    /// <summary>
    /// The inputs when <c>--workflow-inputs</c> names none: the build's own parameters (declared on its class, so made
    /// for this pipeline), then the components' frequent ones (<c>[Parameter(Frequent = true)]</c>: the ref, the
    /// registry, where to deploy) in the order <c>--help</c> lists them, at most <see cref="MaxInputs"/>. A build that
    /// composes every stock component has more parameters than GitHub allows; the rest keep what a run reads elsewhere.
    /// </summary>
    private static List<ParameterDescription> Choose(List<ParameterDescription> candidates) =>
        candidates.Where(p => p.Component is null).Concat(candidates.Where(p => p.Component is not null && p.IsFrequent)).Take(MaxInputs).ToList();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex SafeName();

    // GitHub's limit is 255 characters; the characters are the ones that need no quoting and no expression syntax.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 _.-]{0,254}$")]
    private static partial Regex EnvironmentName();
}
