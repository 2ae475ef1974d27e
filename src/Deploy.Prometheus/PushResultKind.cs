namespace Deploy.Prometheus;

/// <summary>See <see cref="PushResult"/>.</summary>
internal enum PushResultKind
{
    /// <summary>The gateway stored the metrics.</summary>
    Pushed,

    /// <summary>A failure that may pass, so worth another try: no connection, no answer in time, a 5xx, 408 or 429.</summary>
    Failed,

    /// <summary>The gateway refused the push (another 4xx, or a redirect): trying again would only repeat it.</summary>
    Rejected,
}
