using System.Globalization;
using System.Text.Json;
using Deploy.Build.Reports;

namespace Deploy.Build.Records;

/// <summary>
/// The runs before the latest one. As a run starts, the previous run's <c>build.log</c>, <c>run.json</c> and
/// <c>run.html</c> move to <c>.nuke/temp/runs/&lt;its start, UTC&gt;/</c>, and only the <see cref="Kept"/> newest stay
/// there; the files in <c>.nuke/temp</c> itself are always the latest run's (scripts read them).
/// </summary>
internal static class RunHistory
{
    public const int Kept = 10;
    public const string DirectoryName = "runs";
    public const string LogFileName = "build.log";

    private static readonly string[] Files = [LogFileName, RunRecord.FileName, RunPage.FileName];

    /// <summary>Moves the previous run's files into the history. Keeping history never fails a run: on an I/O error it keeps less.</summary>
    public static void Rotate(string temporaryDirectory)
    {
        try
        {
            var present = Files.Select(f => Path.Combine(temporaryDirectory, f)).Where(File.Exists).ToList();
            if (present.Count == 0)
            {
                return;
            }

            var history = Path.Combine(temporaryDirectory, DirectoryName);
            var name = StartOfPrevious(temporaryDirectory).UtcDateTime.ToString("yyyy-MM-ddTHH-mm-ss.fffZ", CultureInfo.InvariantCulture);
            var target = Path.Combine(history, name);
            for (var n = 2; Directory.Exists(target); n++)
            {
                target = Path.Combine(history, $"{name}~{n.ToString(CultureInfo.InvariantCulture)}");
            }

            Directory.CreateDirectory(target);
            foreach (var file in present)
            {
                File.Move(file, Path.Combine(target, Path.GetFileName(file)));
            }

            foreach (var old in Directory.GetDirectories(history).OrderDescending(StringComparer.Ordinal).Skip(Kept))
            {
                Directory.Delete(old, recursive: true);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The previous run's log is then overwritten, as it always was before runs were kept.
        }
    }

    /// <summary>When the previous run started: its record says so, else its log was last written then.</summary>
    private static DateTimeOffset StartOfPrevious(string temporaryDirectory)
    {
        var record = Path.Combine(temporaryDirectory, RunRecord.FileName);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(record));
            if (document.RootElement.TryGetProperty("startedAt", out var started) && started.TryGetDateTimeOffset(out var time))
            {
                return time;
            }
        }
        catch (Exception exception) when (exception is IOException or JsonException or InvalidOperationException)
        {
        }

        var log = Path.Combine(temporaryDirectory, LogFileName);
        return File.Exists(log) ? File.GetLastWriteTimeUtc(log) : File.GetLastWriteTimeUtc(record);
    }
}
