using System.Globalization;

namespace Deploy.Prometheus;

/// <summary>Durations as a person reads them in a warning: "250ms", "5s", "1.5s".</summary>
internal static class Durations
{
    public static string Format(TimeSpan duration) => duration < TimeSpan.FromSeconds(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0}ms")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###}s");
}
