using System.Globalization;
using System.Text.Json.Serialization;

namespace Deploy.DotNet;

/// <summary>The outcome of a test run: counts, and the failed tests with their messages.</summary>
/// <param name="Passed">Tests that passed.</param>
/// <param name="Failed">Tests that failed (errors, timeouts and aborts included).</param>
/// <param name="Skipped">Tests that did not run (skipped or not executed).</param>
/// <param name="Failures">The failed tests.</param>
public sealed record TestSummary(int Passed, int Failed, int Skipped, IReadOnlyList<FailedTest> Failures)
{
    /// <summary>No tests at all.</summary>
    public static TestSummary Empty { get; } = new(0, 0, 0, []);

    /// <summary>When the tests ran (null: not known).</summary>
    public DateTimeOffset? RanAt { get; init; }

    /// <summary>Restored from the run at <see cref="RanAt"/>: the tests' inputs have not changed since, so they did not run again.</summary>
    [JsonIgnore]
    public bool Cached { get; init; }

    /// <summary>All tests counted.</summary>
    [JsonIgnore]
    public int Total => Passed + Failed + Skipped;

    /// <summary>The two summaries added up (several test projects or packages).</summary>
    public TestSummary Add(TestSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Passed + other.Passed, Failed + other.Failed, Skipped + other.Skipped, [.. Failures, .. other.Failures]);
    }

    /// <summary>
    /// <c>N passed, N failed, N skipped</c>; restored (<see cref="Cached"/>, so it passed): <c>13 passed (cached from 2026-12-01T19:40:00Z)</c>,
    /// with the skipped ones when there are any.
    /// </summary>
    public override string ToString() => Cached
        ? string.Create(CultureInfo.InvariantCulture, $"{Passed} passed{(Skipped > 0 ? $", {Skipped} skipped" : "")} (cached from {RanAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "an earlier run"})")
        : string.Create(CultureInfo.InvariantCulture, $"{Passed} passed, {Failed} failed, {Skipped} skipped");
}
