namespace Deploy.Prometheus;

/// <summary>How one push request ended.</summary>
/// <param name="Kind">Pushed, failed (worth another try) or rejected (the same push would fail again).</param>
/// <param name="Error">What went wrong, as shown in the warning; null when pushed.</param>
internal readonly record struct PushResult(PushResultKind Kind, string? Error)
{
    public static PushResult Pushed => new(PushResultKind.Pushed, null);

    public static PushResult Failed(string error) => new(PushResultKind.Failed, error);

    public static PushResult Rejected(string error) => new(PushResultKind.Rejected, error);
}
