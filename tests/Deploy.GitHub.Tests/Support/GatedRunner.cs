using System.Collections.Concurrent;
using Deploy.Build;
using Deploy.GitHub.Webhooks;

namespace Deploy.GitHub.Tests.Support;

/// <summary>A pipeline runner that records each run and holds it until the test opens the gate (or cancels it).</summary>
internal sealed class GatedRunner : IPipelineRunner
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _mostAtOnce;

    public ConcurrentQueue<PipelineRequest> Started { get; } = new();

    /// <summary>The most runs that were going on at the same moment.</summary>
    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public void Open() => _gate.TrySetResult();

    public async Task<PipelineOutcome> RunAsync(PipelineRequest request, CancellationToken cancellationToken = default)
    {
        var now = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = Volatile.Read(ref _mostAtOnce)) < now && Interlocked.CompareExchange(ref _mostAtOnce, now, seen) != seen)
        {
        }

        Started.Enqueue(request);
        try
        {
            await _gate.Task.WaitAsync(cancellationToken);
            return new PipelineOutcome(RunStates.Succeeded, ExitCodes.Succeeded, [new StageTiming("Clone", "Succeeded", 0.5), new StageTiming("Rollout", "Succeeded", 1.25)], null);
        }
        catch (OperationCanceledException)
        {
            return new PipelineOutcome(RunStates.Cancelled, ExitCodes.Cancelled, [new StageTiming("Clone", "Aborted", 0.1)], null);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
