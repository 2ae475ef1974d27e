namespace Deploy.Docker.Pushing;

/// <summary>Sorts the engine's push errors: credentials (never retried), transient (retried), or anything else.</summary>
internal static class PushFailure
{
    private static readonly string[] AuthenticationMarkers =
    [
        "unauthorized", "authentication required", "no basic auth credentials", "denied", "incorrect username or password",
    ];

    private static readonly string[] TransientMarkers =
    [
        "connection refused", "connection reset", "broken pipe", "timeout", "timed out", "eof", "no such host",
        "500 internal server error", "502 bad gateway", "503 service unavailable", "504 gateway timeout",
        "status: 500", "status: 502", "status: 503", "status: 504", "too many requests", "429",
    ];

    public static bool IsAuthentication(string error) => AuthenticationMarkers.Any(m => error.Contains(m, StringComparison.OrdinalIgnoreCase));

    public static bool IsTransient(string error) => TransientMarkers.Any(m => error.Contains(m, StringComparison.OrdinalIgnoreCase));
}
