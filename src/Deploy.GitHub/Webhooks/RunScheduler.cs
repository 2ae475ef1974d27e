using Deploy.Build;
using Serilog;

namespace Deploy.GitHub.Webhooks;

/// <summary>
/// Runs pipelines one at a time per repository. A push that arrives while its repository's pipeline runs waits
/// as the next run; further pushes replace it when they are newer (by head commit time, else arrival), so a
/// burst coalesces into one run at the newest commit. Runs of different repositories also take turns, because
/// they share the build's <c>.nuke/temp</c>.
/// </summary>
internal sealed class RunScheduler(IPipelineRunner runner, TimeProvider time, ILogger log, int keep = 50) : IDisposable
{
    // The exit code GET /runs shows for a run whose process never started or whose runner threw: not one a build exits with.
    private const int NoProcess = -1;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, RepositoryQueue> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RunEntry> _runs = [];
    private readonly List<Task> _workers = [];
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly CancellationTokenSource _abort = new();
    private long _arrivals;
    private int _nextId;
    private bool _closed;

    public SubmitResult Submit(PushEvent push)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return SubmitResult.Closed;
            }

            var candidate = new Candidate(push, ++_arrivals);
            if (!_queues.TryGetValue(push.Repository, out var queue))
            {
                _queues[push.Repository] = queue = new RepositoryQueue();
            }

            if (!queue.Busy)
            {
                queue.Busy = true;
                queue.Latest = candidate;
                var entry = NewEntry(candidate);
                _workers.Add(Task.Run(() => WorkAsync(queue, entry)));
                return SubmitResult.Started;
            }

            if (!candidate.IsNewerThan(queue.Pending ?? queue.Latest!))
            {
                return SubmitResult.Superseded;
            }

            queue.Pending = candidate;
            return SubmitResult.Queued;
        }
    }

    /// <summary>Recent runs, newest first, each seen through <paramref name="project"/> at one moment.</summary>
    public IReadOnlyList<T> Runs<T>(Func<RunEntry, T> project)
    {
        lock (_gate)
        {
            return _runs.AsEnumerable().Reverse().Select(project).ToList();
        }
    }

    /// <summary>Whether a pipeline runs or waits.</summary>
    public bool Idle
    {
        get
        {
            lock (_gate)
            {
                return _queues.Values.All(q => !q.Busy);
            }
        }
    }

    /// <summary>
    /// Takes no more pushes and drops those waiting; lets the running pipelines finish for up to
    /// <paramref name="grace"/>, then cancels them, and returns when they have ended.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Task[] workers;
        lock (_gate)
        {
            _closed = true;
            foreach (var queue in _queues.Values.Where(q => q.Pending is not null))
            {
                log.Information("Shutting down: the waiting run of {Repository} at {Commit} will not start", queue.Pending!.Push.Repository, queue.Pending.Push.Commit);
                queue.Pending = null;
            }

            workers = [.. _workers];
        }

        var all = Task.WhenAll(workers);
        using var timeout = new CancellationTokenSource(grace, time);
        var finished = await Task.WhenAny(all, Task.Delay(Timeout.Infinite, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default)).ConfigureAwait(false);
        if (finished != all)
        {
            log.Warning("Shutting down: the running pipeline did not finish within {Grace}, so it is cancelled", grace);
            await _abort.CancelAsync().ConfigureAwait(false);
        }

        await all.ConfigureAwait(false);
    }

    private RunEntry NewEntry(Candidate candidate)
    {
        var push = candidate.Push;
        var entry = new RunEntry(new PipelineRequest(++_nextId, push.Repository, push.CloneUrl, push.Branch, push.Commit), time.GetUtcNow()) { Result = RunStates.Queued };
        _runs.Add(entry);
        var finished = _runs.Where(r => r.FinishedAt is not null).ToList();
        for (var i = 0; i < finished.Count - keep; i++)
        {
            _runs.Remove(finished[i]);
        }

        return entry;
    }

    private async Task WorkAsync(RepositoryQueue queue, RunEntry entry)
    {
        while (true)
        {
            await RunOneAsync(entry).ConfigureAwait(false);
            lock (_gate)
            {
                if (queue.Pending is not { } next || _closed)
                {
                    queue.Busy = false;
                    queue.Pending = null;
                    return;
                }

                queue.Pending = null;
                queue.Latest = next;
                entry = NewEntry(next);
            }
        }
    }

    private async Task RunOneAsync(RunEntry entry)
    {
        try
        {
            await _oneAtATime.WaitAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Finish(entry, new PipelineOutcome(RunStates.Cancelled, ExitCodes.Cancelled, [], null));
            return;
        }

        try
        {
            lock (_gate)
            {
                entry.StartedAt = time.GetUtcNow();
                entry.Result = RunStates.Running;
            }

            log.Information("Run {Id}: {Repository} at {Commit} ({Branch})", entry.Id, entry.Repository, entry.Commit, entry.Branch);
            var outcome = await runner.RunAsync(entry.Request, _abort.Token).ConfigureAwait(false);
            Finish(entry, outcome);
            log.Information("Run {Id}: {Result} (exit code {ExitCode})", entry.Id, outcome.Result, outcome.ExitCode);
        }
        catch (Exception exception)
        {
            Finish(entry, new PipelineOutcome(RunStates.Failed, NoProcess, [], null));
            log.Error("Run {Id} could not run: {Message}", entry.Id, exception.Message);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private void Finish(RunEntry entry, PipelineOutcome outcome)
    {
        lock (_gate)
        {
            entry.FinishedAt = time.GetUtcNow();
            entry.Result = outcome.Result;
            entry.ExitCode = outcome.ExitCode;
            entry.Stages = outcome.Stages;
            entry.RunRecord = outcome.RunRecord;
        }
    }

    public void Dispose()
    {
        _oneAtATime.Dispose();
        _abort.Dispose();
    }

    private sealed class RepositoryQueue
    {
        public bool Busy { get; set; }

        /// <summary>The push of the run going on (or the last one started).</summary>
        public Candidate? Latest { get; set; }

        public Candidate? Pending { get; set; }
    }

    private sealed record Candidate(PushEvent Push, long Arrival)
    {
        /// <summary>By head commit time when both have one (a later delivery can carry an older push), else by arrival.</summary>
        public bool IsNewerThan(Candidate other) =>
            Push.Timestamp is { } mine && other.Push.Timestamp is { } theirs && mine != theirs ? mine > theirs : Arrival > other.Arrival;
    }
}
