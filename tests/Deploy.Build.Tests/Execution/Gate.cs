namespace Deploy.Build.Tests.Execution;

/// <summary>
/// A one-shot signal between a test and its targets. Waiting is bounded, so an engine bug fails the test
/// instead of hanging it; nothing here sleeps or measures time.
/// </summary>
internal sealed class Gate
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // Continuations run asynchronously: opening a gate never runs the waiter's code on the opener's thread.
    private readonly TaskCompletionSource _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => _source.Task.IsCompleted;

    public void Open() => _source.TrySetResult();

    /// <summary>Waits until the gate opens; throws <see cref="TimeoutException"/> after <see cref="Timeout"/>.</summary>
    public Task WaitAsync(CancellationToken cancellationToken = default) => _source.Task.WaitAsync(Timeout, cancellationToken);
}
