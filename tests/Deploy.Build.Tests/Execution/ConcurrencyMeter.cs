namespace Deploy.Build.Tests.Execution;

/// <summary>Counts how many targets are inside a section at once, and the most there ever were.</summary>
internal sealed class ConcurrencyMeter
{
    private int _current;
    private int _max;

    public int Current => Volatile.Read(ref _current);

    public int Max => Volatile.Read(ref _max);

    /// <summary>Enters the section; returns how many are inside now (this one included).</summary>
    public int Enter()
    {
        var now = Interlocked.Increment(ref _current);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }

        return now;
    }

    public void Exit() => Interlocked.Decrement(ref _current);
}
