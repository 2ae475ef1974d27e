using System.Globalization;

namespace Deploy.Build;

/// <summary>How durations and offsets read in the console and the summary.</summary>
internal static class Formatting
{
    /// <summary>0:01.23 under an hour, 1:02:03 above.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        return duration.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}:{duration.Minutes:00}:{duration.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes}:{duration.Seconds:00}.{duration.Milliseconds / 10:00}");
    }

    /// <summary>A limit as a person writes it: "30 min", "2 h", "1.5 s".</summary>
    public static string Limit(TimeSpan limit) =>
        limit.Ticks % TimeSpan.TicksPerHour == 0 && limit >= TimeSpan.FromHours(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)limit.TotalHours} h")
            : limit.Ticks % TimeSpan.TicksPerMinute == 0 && limit >= TimeSpan.FromMinutes(1)
                ? string.Create(CultureInfo.InvariantCulture, $"{(long)limit.TotalMinutes} min")
                : $"{Seconds(limit.TotalSeconds)} s";

    public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
