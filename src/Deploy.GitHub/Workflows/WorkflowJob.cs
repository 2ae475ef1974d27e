namespace Deploy.GitHub.Workflows;

/// <summary>One job of the generated workflow: a chain of targets run on one runner.</summary>
/// <param name="Id">The job's id (<c>image</c>).</param>
/// <param name="Targets">The chain of targets this job is for, in order.</param>
/// <param name="Invoke">The targets named on its command line.</param>
/// <param name="Repeated">Prerequisites it runs again because they belong to no job of their own (runners share no disk).</param>
/// <param name="Needs">Ids of the jobs it waits for.</param>
/// <param name="Skip">Targets another job runs, passed to <c>--skip</c>.</param>
/// <param name="Outputs">Output names its targets produce, exported as job outputs.</param>
/// <param name="Receives">Outputs of the jobs it needs, with the job they come from, handed in as environment variables.</param>
internal sealed record WorkflowJob(
    string Id,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Invoke,
    IReadOnlyList<string> Repeated,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> Skip,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<(string Output, string Job)> Receives)
{
    /// <summary>The step's command line.</summary>
    public string Command =>
        "./build.sh " + string.Join(' ', Invoke) + (Skip.Count == 0 ? "" : " --skip " + string.Join(' ', Skip));
}
