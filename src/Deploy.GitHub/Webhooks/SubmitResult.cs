namespace Deploy.GitHub.Webhooks;

/// <summary>What became of a push handed to the <see cref="RunScheduler"/>.</summary>
internal enum SubmitResult
{
    /// <summary>A run starts for it now.</summary>
    Started,

    /// <summary>A run is going on: it is the next run (replacing any older push that was waiting).</summary>
    Queued,

    /// <summary>A newer commit already runs or waits, so it is dropped.</summary>
    Superseded,

    /// <summary>The server is shutting down.</summary>
    Closed,
}
