namespace Deploy.Rollout.Verify;

/// <summary>The gates to pass and how: what the Verify target's parameters say, checked by <see cref="VerifyChecks"/>.</summary>
internal sealed record VerifyGates
{
    public IReadOnlyList<Uri> Urls { get; init; } = [];

    public IReadOnlyList<string> Queries { get; init; } = [];

    public Uri? PrometheusUrl { get; init; }

    /// <summary>The window: every gate must pass on every evaluation for this long.</summary>
    public TimeSpan For { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The time between evaluations.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    public InconclusiveResult Inconclusive { get; init; } = InconclusiveResult.Fail;

    public bool Any => Urls.Count > 0 || Queries.Count > 0;

    /// <summary>How many evaluations the window holds: at its start, then every interval up to its end.</summary>
    public int Evaluations => Interval > TimeSpan.Zero ? (int)Math.Min(int.MaxValue - 1, For.Ticks / Interval.Ticks) + 1 : 1;

    public static VerifyGates Of(IVerify build) => new()
    {
        Urls = build.VerifyUrl,
        Queries = build.VerifyQuery,
        PrometheusUrl = build.PrometheusUrl,
        For = build.VerifyFor,
        Interval = build.VerifyInterval,
        Inconclusive = build.VerifyInconclusive,
    };
}
