using System.Globalization;

namespace HelloService;

/// <summary>
/// A share of <c>GET /</c> requests answered with 500, set with <c>HELLO_FAILURE_RATE</c> (0 to 1, default 0): a way to
/// deploy a "bad version" that still passes its health check, so that a metric gate can be shown to catch it.
/// The share is exact, not random: with 0.5 every second request fails, so a test or a demo sees the same rate each time.
/// </summary>
internal sealed class FailureRate
{
    public const string Variable = "HELLO_FAILURE_RATE";

    private readonly double _rate;
    private long _requests;

    private FailureRate(double rate) => _rate = rate;

    public static FailureRate None { get; } = new(0);

    /// <summary>The rate <c>HELLO_FAILURE_RATE</c> gives; unset or empty is none.</summary>
    /// <exception cref="InvalidOperationException">The value is not a number from 0 to 1; the message says what to set.</exception>
    public static FailureRate From(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1
            ? new FailureRate(rate)
            : throw new InvalidOperationException($"{Variable} is '{value}', which is not a share of requests. Set it to a number from 0 to 1 (0.5 fails every second request), or unset it.");
    }

    /// <summary>
    /// Whether this request should fail: the n-th request fails when floor(n * rate) grows, so after n requests
    /// exactly floor(n * rate) have failed. Thread-safe.
    /// </summary>
    public bool NextFails()
    {
        if (_rate == 0)
        {
            return false;
        }

        var n = Interlocked.Increment(ref _requests);
        return Math.Floor(n * _rate) > Math.Floor((n - 1) * _rate);
    }
}
