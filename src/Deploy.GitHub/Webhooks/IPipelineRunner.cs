namespace Deploy.GitHub.Webhooks;

/// <summary>Runs the pipeline for one push. The server's runner starts the build as a child process; tests inject their own.</summary>
internal interface IPipelineRunner
{
    /// <summary>Runs to the end; cancelling stops the run (the child gets SIGTERM, then is killed) and still returns its outcome.</summary>
    Task<PipelineOutcome> RunAsync(PipelineRequest request, CancellationToken cancellationToken = default);
}
