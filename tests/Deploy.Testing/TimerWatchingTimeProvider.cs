using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Deploy.Testing;

/// <summary>
/// A fake clock that also tells which timers were created (by their due time), so a test advances time only
/// once the code under test is waiting on it: deterministic back-off without sleeps.
/// </summary>
public sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public IReadOnlyList<TimeSpan> DueTimes => _dueTimes.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _dueTimes.Enqueue(dueTime);
        return timer;
    }
}
