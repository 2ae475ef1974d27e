using System.Globalization;

namespace Deploy.Docker.Building;

/// <summary>
/// The time an image says it was created (<c>org.opencontainers.image.created</c>): <c>SOURCE_DATE_EPOCH</c> from the
/// build's environment when set (the reproducible-builds convention), else the commit's time, else the build's clock.
/// From a commit, the same inputs give the same label, so the same image ID, and the engine's layer cache holds.
/// </summary>
internal static class ImageCreated
{
    public const string EpochVariable = "SOURCE_DATE_EPOCH";

    public static DateTimeOffset Of(IImage build) =>
        Epoch(build.EnvironmentVariables) ?? build.ImageCreated ?? build.Time.GetUtcNow();

    /// <summary>The label's text: whole seconds, UTC.</summary>
    public static string Label(IImage build) => Of(build).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>A <c>SOURCE_DATE_EPOCH</c> that is not whole seconds since 1970, as a sentence; null when it is, or is not set.</summary>
    public static string? Problem(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue(EpochVariable, out var text) && text.Length > 0 && Parse(text) is null
            ? $"{EpochVariable} is '{text}', which is not a time in whole seconds since 1970-01-01 UTC. Set it to e.g. $(git log -1 --format=%ct), or unset it to use the commit's time."
            : null;

    private static DateTimeOffset? Epoch(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue(EpochVariable, out var text) && text.Length > 0 ? Parse(text) : null;

    private static DateTimeOffset? Parse(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
