using Serilog;
using Serilog.Events;

namespace Deploy.Build.Retries;

/// <summary>
/// How <see cref="Retry"/> retries one operation: how often, how long it waits (exponential back-off from
/// <see cref="Delay"/>, doubling, with jitter, capped at <see cref="MaxDelay"/>), which failures are worth another
/// attempt (the caller decides: <see cref="IsTransient"/>), the clock it waits on and the log it tells each retry.
/// </summary>
public sealed record RetryOptions
{
    /// <param name="what">What is attempted, for the log: <c>push registry/app:1.2</c> reads "Could not push registry/app:1.2 (attempt 1 of 4): …".</param>
    /// <param name="retries">Attempts after the first (0: one attempt, no retry).</param>
    /// <param name="delay">The wait before the first retry; it doubles for each one after.</param>
    /// <param name="isTransient">Whether a failure is worth another attempt; any other failure is thrown at once.</param>
    /// <param name="time">The clock the waits run on: the run's (<see cref="IDeployBuild.Time"/>), so tests of back-off are instant.</param>
    /// <param name="log">Where each retry is told, once.</param>
    public RetryOptions(string what, int retries, TimeSpan delay, Func<Exception, bool> isTransient, TimeProvider time, ILogger log)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        What = what;
        Retries = retries;
        Delay = delay;
        IsTransient = isTransient ?? throw new ArgumentNullException(nameof(isTransient));
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>What is attempted, for the log.</summary>
    public string What { get; }

    /// <summary>Attempts after the first.</summary>
    public int Retries { get; }

    /// <summary>The wait before the first retry; it doubles for each one after.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Whether a failure is worth another attempt.</summary>
    public Func<Exception, bool> IsTransient { get; }

    /// <summary>The clock the waits run on.</summary>
    public TimeProvider Time { get; }

    /// <summary>Where each retry is told.</summary>
    public ILogger Log { get; }

    /// <summary>The longest wait between two attempts, however many came before. Default: 30 seconds.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether each wait is spread at random around its nominal length (the default), so that clients that failed
    /// together do not retry together. Without it the waits are exactly <see cref="DelayBefore"/>.
    /// </summary>
    public bool Jitter { get; init; } = true;

    /// <summary>Whether the first retry comes at once (a dropped connection is usually just that); the back-off starts with the second.</summary>
    public bool FirstRetryAtOnce { get; init; }

    /// <summary>The level each retry is logged at. Default: <see cref="LogEventLevel.Warning"/>.</summary>
    public LogEventLevel Level { get; init; } = LogEventLevel.Warning;

    /// <summary>The nominal wait before retry number <paramref name="retry"/> (1 for the first): the exact wait without <see cref="Jitter"/>.</summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        if (FirstRetryAtOnce && retry == 1)
        {
            return TimeSpan.Zero;
        }

        var doubled = Delay * Math.Pow(2, retry - 1);
        return doubled < MaxDelay ? doubled : MaxDelay;
    }
}
