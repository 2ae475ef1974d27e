using Deploy.Build.Definition;
using Deploy.Build.Execution;
using Deploy.Build.Fingerprints;
using Deploy.Build.Hosts;
using Deploy.Build.Planning;
using Deploy.Build.Records;

namespace Deploy.Build.Cli;

/// <summary>The run path: preflights, the executor, observers, the summary, the run record and run.html, the state <c>--continue</c> reads.</summary>
internal static partial class BuildRunner
{
    private static async Task<int> RunTargetsAsync(Invocation invocation, BuildModel model, ExecutionPlan plan, int parallelism, string fingerprint, OutputStore store, Fingerprinter fingerprints)
    {
        var host = invocation.Host;
        var logger = invocation.Logger;
        var unreachable = await Preflights.RunAsync(plan, host.Time, host.Cancellation).ConfigureAwait(false);
        if (unreachable.Count > 0)
        {
            return await InvalidRun(invocation, parallelism).ReportAsync(plan, unreachable).ConfigureAwait(false);
        }

        invocation.Sink.SetTargetWidth(plan.Targets.Max(t => t.Name.Length));
        var github = invocation.OnGitHub ? new GitHubActionsHost(invocation.Sink, host.Environment, invocation.Masker) : null;
        IRunObserver? console = github ?? (IRunObserver?)invocation.Live;
        var services = new RunServices(logger, invocation.Scope, host.Time, invocation.Masker, console is null ? model.Observers : [.. model.Observers, console], store, fingerprints, invocation.Build.Context.Fingerprints);
        var executor = new Executor(plan, new ExecutorOptions(parallelism, invocation.Line.KeepGoing), services);
        var outcome = await executor.RunAsync(host.Cancellation).ConfigureAwait(false);
        var targets = outcome.Targets.Select(executor.ToEvent).ToList();

        var finished = new RunFinishedEvent(outcome.Result, outcome.StartedAt, outcome.FinishedAt, targets);
        foreach (var observer in model.Observers)
        {
            try
            {
                await observer.RunFinishedAsync(finished, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                logger.Warning("Observer {Observer} failed at the end of the run: {Message}", observer.GetType().Name, exception.Message);
            }
        }

        var criticalPath = CriticalPath.Find(targets, CriticalPath.Prerequisites(plan), parallelism);
        invocation.Live?.Stop();
        invocation.Sink.WriteSummary(SummaryWriter.Render(outcome, targets, finished.SummaryNotes, criticalPath));
        if (github is not null)
        {
            await github.WriteFilesAsync(outcome, targets, criticalPath, logger).ConfigureAwait(false);
        }

        var record = RunRecord.Render(outcome, parallelism, plan, targets, invocation.Given, [], invocation.Masker.Apply);
        await RunRecord.WriteAsync(invocation.Temporary, record).ConfigureAwait(false);
        WriteRunPage(record, invocation.Temporary, logger);
        var succeeded = targets.Where(t => t.Status is TargetStatus.Succeeded or TargetStatus.UpToDate || t.Reason == Planner.ContinueReason).Select(t => t.Name);
        ContinueState.Save(invocation.Temporary, fingerprint, succeeded);

        return outcome.Result switch
        {
            RunResult.Succeeded => ExitCodes.Succeeded,
            RunResult.Failed => ExitCodes.Failed,
            _ => ExitCodes.Cancelled,
        };
    }
}
