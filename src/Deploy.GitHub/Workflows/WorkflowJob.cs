namespace Deploy.GitHub.Workflows;

/// <summary>One job of the generated workflow: a tree of targets run on one runner, each target in no other job.</summary>
/// <param name="Id">The job's id (<c>rollout</c>).</param>
/// <param name="Name">What GitHub shows: its targets as the tree they form (<c>Image → Push</c>); empty when all are unlisted.</param>
/// <param name="Targets">The targets this job runs, in plan order.</param>
/// <param name="Invoke">The targets named on its command line.</param>
/// <param name="Needs">Ids of the jobs it waits for.</param>
/// <param name="Skip">Targets its command line plans that other jobs run, passed to <c>--skip</c>.</param>
/// <param name="Outputs">Output names its targets produce, exported as job outputs.</param>
/// <param name="Receives">
/// Outputs of the targets it waits for in the jobs it needs, that a parameter of the same name reads, with the job they
/// come from: handed in as that parameter.
/// </param>
internal sealed record WorkflowJob(
    string Id,
    string Name,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Invoke,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> Skip,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<(string Output, string Job)> Receives)
{
    /// <summary>The step's command line.</summary>
    public string Command =>
        "./build.sh " + string.Join(' ', Invoke) + (Skip.Count == 0 ? "" : " --skip " + string.Join(' ', Skip));
}
