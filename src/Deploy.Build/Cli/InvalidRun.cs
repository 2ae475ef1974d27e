using Deploy.Build.Execution;
using Deploy.Build.Logging;
using Deploy.Build.Parameters;
using Deploy.Build.Planning;
using Deploy.Build.Records;
using Serilog;

namespace Deploy.Build.Cli;

/// <summary>
/// A run stopped before its first target (a parameter, a target's check or a preflight failed): the problems on
/// stderr, exit 2, and still a run record, so a script that reads <c>run.json</c> sees that this run did not start
/// (<c>result</c> <c>Invalid</c>, the problems, every planned target NotRun) instead of the previous run's record.
/// </summary>
internal sealed class InvalidRun(BuildHost host, string temporary, int parallelism, IReadOnlyList<ResolvedParameter> given, SecretMasker masker, ILogger logger)
{
    public const string NotStarted = "the run did not start: see its problems";

    public async Task<int> ReportAsync(ExecutionPlan? plan, IReadOnlyList<string> problems)
    {
        var now = host.Time.GetUtcNow();
        var targets = (plan?.Targets ?? []).Select(t => new TargetFinishedEvent(
            t.Name,
            t.SkipReason is null ? TargetStatus.NotRun : TargetStatus.Skipped,
            null,
            null,
            TimeSpan.Zero,
            masker.Apply(t.SkipReason ?? NotStarted),
            null,
            new Dictionary<string, string>())).ToList();
        var outcome = new RunOutcome(RunResult.Invalid, now, now, TimeSpan.Zero, []);
        var record = RunRecord.Render(outcome, parallelism, plan, targets, given, problems.Select(p => masker.Apply(p)).ToList(), masker.Apply);
        await RunRecord.WriteAsync(temporary, record).ConfigureAwait(false);
        BuildRunner.WriteRunPage(record, temporary, logger);
        return await BuildRunner.ReportAsync(host, problems, masker).ConfigureAwait(false);
    }
}
