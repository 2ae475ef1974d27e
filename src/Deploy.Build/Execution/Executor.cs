using System.Diagnostics;
using System.Threading.Channels;
using Deploy.Build.Planning;

namespace Deploy.Build.Execution;

/// <summary>
/// Runs a plan: a target starts as soon as everything it waits for has finished (not wave by wave), at
/// most <see cref="ExecutorOptions.Parallelism"/> at once, the earliest in plan order first. One loop owns
/// all scheduling state; targets report back through a channel, so no state is shared between threads.
/// </summary>
internal sealed partial class Executor
{
    private readonly ExecutionPlan _plan;
    private readonly ExecutorOptions _options;
    private readonly RunServices _services;
    private readonly TargetOutcome[] _outcomes;
    private readonly int[] _waitingFor;
    private readonly PriorityQueue<PlannedTarget, int> _ready = new();
    private readonly Dictionary<PlannedTarget, CancellationTokenSource> _running = [];
    private readonly string?[] _invalid;
    private readonly Channel<Message> _messages = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private Activity? _run;
    private int _finished;
    private bool _failed;
    private bool _cancelled;
    private bool _stopping;

    public Executor(ExecutionPlan plan, ExecutorOptions options, RunServices services)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallelism, 1);
        _plan = plan;
        _options = options;
        _services = services;
        _outcomes = plan.Targets.Select(t => new TargetOutcome(t.Name)).ToArray();
        _waitingFor = plan.Targets.Select(t => t.Needs.Count + t.RunsAfter.Count).ToArray();
        _invalid = new string?[plan.Targets.Count];
    }

    /// <param name="cancellationToken">Ctrl+C / SIGTERM: cancels running targets, then runs assured ones.</param>
    public async Task<RunOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = _services.Time.GetUtcNow();
        var startTimestamp = _services.Time.GetTimestamp();
        Notify(o => o.RunStarted(new RunStartedEvent(startedAt, _plan.Targets.Select(t => t.Name).ToList(), _options.Parallelism)));

        // After RunStarted: an observer may start listening to the engine's ActivitySource there.
        _run = RunTracing.StartRun(_plan.Targets.Where(t => t.Invoked).Select(t => t.Name).ToList(), startedAt, _options.Parallelism);

        foreach (var target in _plan.Targets.Where(t => _waitingFor[t.Order] == 0))
        {
            _ready.Enqueue(target, target.Order);
        }

        // Ctrl+C before the first target starts (while parameters resolve or the plan is made): the registration
        // below fires at once, but only after the first targets would have started, assured ones aborted with them.
        if (cancellationToken.IsCancellationRequested)
        {
            Cancel();
        }

        await using (cancellationToken.Register(() => _messages.Writer.TryWrite(Message.Cancel)))
        {
            while (_finished < _outcomes.Length)
            {
                StartReadyTargets();
                if (_finished == _outcomes.Length)
                {
                    break;
                }

                var message = await _messages.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                if (message.Target is { } target)
                {
                    _running.Remove(target, out var source);
                    source?.Dispose();
                    var outcome = _outcomes[target.Order];
                    if (outcome.Status == TargetStatus.Aborted)
                    {
                        outcome.Reason = _cancelled ? "cancelled" : "stopped after a failure elsewhere";
                    }

                    Finish(target, message.Span);
                }
                else
                {
                    Cancel();
                }
            }
        }

        await SaveHashesAsync().ConfigureAwait(false);
        var finishedAt = _services.Time.GetUtcNow();
        var result = _cancelled ? RunResult.Cancelled : _failed ? RunResult.Failed : RunResult.Succeeded;
        if (_run is not null)
        {
            RunTracing.EndRun(_run, result, finishedAt, new RunFinishedEvent(result, startedAt, finishedAt, _outcomes.Select(ToEvent).ToList()).Outputs);
        }

        return new RunOutcome(result, startedAt, finishedAt, _services.Time.GetElapsedTime(startTimestamp), _outcomes);
    }

    private void StartReadyTargets()
    {
        while (_running.Count < _options.Parallelism && _ready.TryDequeue(out var target, out _))
        {
            var outcome = _outcomes[target.Order];
            var spec = target.Spec;
            if (target.SkipReason is { } skipReason && (!target.FromPreviousRun || Restored(target)))
            {
                Settle(target, TargetStatus.Skipped, skipReason);
            }
            else if (_invalid[target.Order] is { } problems)
            {
                outcome.Error = new DeployException(problems);
                Settle(target, TargetStatus.Failed, null);
            }
            else if (!spec.AssuredAfterFailure && BlockingPrerequisite(target) is { } blocker)
            {
                Settle(target, TargetStatus.NotRun, $"{blocker.Name} {Describe(_outcomes[blocker.Order].Status)}");
            }
            else if (_stopping && !spec.AssuredAfterFailure)
            {
                Settle(target, TargetStatus.NotRun, _cancelled ? "the run was cancelled" : "the run stopped after a failure");
            }
            else if (FailedDynamicCondition(target) is { } condition)
            {
                Settle(target, TargetStatus.Skipped, condition);
            }
            else if (spec.IsCollective)
            {
                outcome.StartedAt = outcome.FinishedAt = _services.Time.GetUtcNow();
                outcome.Ran = target.Needs.Any(p => _outcomes[p.Order].Ran);
                Settle(target, TargetStatus.Collective, null);
            }
            else
            {
                Start(target);
            }
        }
    }

    /// <summary>A needed prerequisite that failed (without ProceedAfterFailure), was aborted or never ran.</summary>
    private PlannedTarget? BlockingPrerequisite(PlannedTarget target) => target.Needs.FirstOrDefault(p =>
        _outcomes[p.Order].Blocks && !(_outcomes[p.Order].Status == TargetStatus.Failed && p.Spec.ProceedAfterFailure));

    private static string Describe(TargetStatus? status) => status switch
    {
        TargetStatus.Failed => "failed",
        TargetStatus.Aborted => "was aborted",
        _ => "did not run",
    };

    private string? FailedDynamicCondition(PlannedTarget target)
    {
        foreach (var condition in target.Spec.DynamicConditions)
        {
            try
            {
                if (!condition.Evaluate())
                {
                    return condition.Text;
                }
            }
            catch (Exception exception)
            {
                _services.Log.Warning("The condition {Condition} of {Target} threw, so the target is skipped: {Message}", condition.Text, target.Name, exception.Message);
                return $"{condition.Text} threw: {exception.Message}";
            }
        }

        return null;
    }

    /// <summary>Marks a target finished without running it, and lets its waiters move on.</summary>
    private void Settle(PlannedTarget target, TargetStatus status, string? reason)
    {
        var outcome = _outcomes[target.Order];
        outcome.Status = status;
        outcome.Reason = reason;
        Finish(target, span: null);
    }

    /// <summary>Records a target's final status: its span ends, observers hear of it, its waiters may start.</summary>
    /// <param name="target">The target.</param>
    /// <param name="span">Its span, when it ran (and something listens); one is made here for a target that did not.</param>
    private void Finish(PlannedTarget target, Activity? span)
    {
        var outcome = _outcomes[target.Order];
        SettleContribution(target, outcome);
        var finished = ToEvent(outcome);
        var now = _services.Time.GetUtcNow();
        RunTracing.EndTarget(span ?? RunTracing.StartTarget(_run, target.Name, outcome.StartedAt ?? now), finished, now, outcome.Error, outcome.Fingerprint);
        _finished++;
        if (outcome.Status == TargetStatus.Failed && !target.Spec.ProceedAfterFailure)
        {
            _failed = true;
            if (!_options.KeepGoing && !_stopping)
            {
                _stopping = true;
                AbortRunning();
            }
        }
        else if (outcome.Status == TargetStatus.Failed)
        {
            _failed = true;
        }

        Notify(o => o.TargetFinished(finished));
        if (outcome.Status == TargetStatus.Succeeded)
        {
            Revalidate();
        }

        foreach (var waiter in target.Waiters)
        {
            if (--_waitingFor[waiter.Order] == 0)
            {
                _ready.Enqueue(waiter, waiter.Order);
            }
        }
    }

    /// <summary>
    /// Runs the checks of the targets that have not started again: a check that could not be decided while planning
    /// (the Dockerfile of a source Clone fetches) is decided as soon as a target produced what it reads. A target
    /// whose checks now fail fails without running, and the run stops (before Restore or Compile start, in the
    /// Dockerfile's case); targets already running are left to finish only with --keep-going.
    /// </summary>
    private void Revalidate()
    {
        foreach (var target in _plan.Targets)
        {
            if (_outcomes[target.Order].Status is not null || _running.ContainsKey(target) || _invalid[target.Order] is not null
                || target.SkipReason is not null || target.Spec.Validations.Count == 0)
            {
                continue;
            }

            var problems = Planner.Validate([target]);
            if (problems.Count == 0)
            {
                continue;
            }

            var message = _services.Masker.Apply(string.Join("\n", problems));
            _invalid[target.Order] = message;
            _services.Log.Error("{TargetName} cannot run: {Message}", target.Name, message);
            _failed = true;
            if (!_options.KeepGoing && !_stopping)
            {
                _stopping = true;
                AbortRunning();
            }
        }
    }

    private void Cancel()
    {
        if (_cancelled)
        {
            return;
        }

        _services.Log.Warning("Cancelling: stopping the running targets, then running the assured ones");
        _cancelled = true;
        _stopping = true;
        AbortRunning();
    }

    private void AbortRunning()
    {
        foreach (var source in _running.Values)
        {
            source.Cancel();
        }
    }

    internal TargetFinishedEvent ToEvent(TargetOutcome outcome) => new(
        outcome.Name,
        outcome.Status ?? TargetStatus.NotRun,
        outcome.StartedAt,
        outcome.FinishedAt,
        outcome.Duration,
        _services.Masker.Apply(outcome.Reason),
        _services.Masker.Apply(outcome.Error?.Message),
        outcome.Outputs);

    private void Notify(Action<IRunObserver> call)
    {
        foreach (var observer in _services.Observers)
        {
            try
            {
                call(observer);
            }
            catch (Exception exception)
            {
                _services.Log.Warning("Observer {Observer} failed: {Message}", observer.GetType().Name, exception.Message);
            }
        }
    }

    /// <summary>What the target tasks and the Ctrl+C handler tell the scheduling loop.</summary>
    /// <param name="Target">The target that finished; null for Ctrl+C.</param>
    /// <param name="Span">The finished target's span, which the loop ends once the target's status is final.</param>
    private readonly record struct Message(PlannedTarget? Target, Activity? Span = null)
    {
        public static Message Cancel => new(null);
    }
}
