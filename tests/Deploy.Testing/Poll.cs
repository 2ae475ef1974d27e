namespace Deploy.Testing;

/// <summary>Waits on a condition with a deadline, instead of sleeping and hoping.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Checks <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> at the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0.#} s for {what}, in vain.");
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }

    /// <summary>The synchronous-condition form of <see cref="UntilAsync(Func{Task{bool}}, TimeSpan, string, CancellationToken)"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, cancellationToken);
}
