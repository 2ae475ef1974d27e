using Deploy.Build.Execution;
using Deploy.Build.Logging;
using Serilog;

namespace Deploy.Build.Hosts;

// The engine's host layer, on purpose, not Deploy.GitHub: every build that runs on an Actions runner needs these
// (secrets registered with ::add-mask:: before the first line is written, ::group:: per target, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY), whether or not it composes a GitHub component, and they hook into the log sink and the run's
// observers, which are the engine's. Deploy.GitHub holds what a build opts into (workflow generation, the webhook
// receiver) and depends on the engine, never the reverse. A second CI host (GitLab, Azure) would sit beside this one.
/// <summary>
/// The GitHub Actions host: closes each target's log group when it ends, and at the end of the run appends the
/// summary and a Gantt chart to <c>GITHUB_STEP_SUMMARY</c> and the targets' outputs to <c>GITHUB_OUTPUT</c>,
/// masked. A file that cannot be written is a warning, never a failed build.
/// </summary>
/// <remarks>
/// <c>Hosts/</c> is the engine's host layer: how a run behaves on the machine it runs on (a terminal gets the live
/// view, a GitHub Actions runner gets these files, groups, annotations and masks). It stays in the engine rather
/// than beside Deploy.GitHub's workflow generator and webhook server, on purpose: every build that runs as a
/// workflow step needs it, whether or not it composes a GitHub component; the secrets must be registered as masks
/// before the engine writes its first line, before any component code runs; and it needs nothing but files and
/// the console, so the engine keeps no dependency on YAML or ASP.NET. Deploy.GitHub's generated workflow relies on
/// it (job outputs read the <c>GITHUB_OUTPUT</c> this writes), never the other way round.
/// </remarks>
internal sealed class GitHubActionsHost(LineSink sink, IReadOnlyDictionary<string, string> environment, SecretMasker masker) : IRunObserver
{
    public void TargetFinished(TargetFinishedEvent target)
    {
        if (target.StartedAt is not null)
        {
            sink.EndTarget(target.Name, target.Status == TargetStatus.Failed ? target.Error : null);
        }
    }

    public async Task WriteFilesAsync(RunOutcome run, IReadOnlyList<TargetFinishedEvent> targets, IReadOnlyList<TargetFinishedEvent> criticalPath, ILogger log, CancellationToken cancellationToken = default)
    {
        await AppendAsync("GITHUB_STEP_SUMMARY", GitHubActionsStepSummary.Render(run, targets, criticalPath), log, cancellationToken).ConfigureAwait(false);

        // A later target's value wins, as in RunFinishedEvent.Outputs.
        var outputs = targets.SelectMany(t => t.Outputs).GroupBy(p => p.Key, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (outputs.Count > 0)
        {
            await AppendAsync("GITHUB_OUTPUT", GitHubActionsOutputs.Render(outputs), log, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AppendAsync(string variable, string text, ILogger log, CancellationToken cancellationToken)
    {
        if (!environment.TryGetValue(variable, out var path) || string.IsNullOrEmpty(path))
        {
            return;
        }

        try
        {
            await File.AppendAllTextAsync(path, masker.Apply(text), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log.Warning("Could not append to {Variable} ({Path}): {Message}", variable, path, exception.Message);
        }
    }
}
