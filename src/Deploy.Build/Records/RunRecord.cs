using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Deploy.Build.Execution;

namespace Deploy.Build.Records;

/// <summary>
/// <c>.nuke/temp/run.json</c>, the contract in DESIGN.md: schema 1, result, times, wall seconds,
/// parallelism, and one entry per planned target. Strings arrive with secrets already masked.
/// </summary>
internal static class RunRecord
{
    public const string FileName = "run.json";

    // The record is read by people and scripts, never embedded in HTML: a reason reads `Commit == \"x\"` and
    // non-ASCII text stays as it is, instead of \u0022 and \u2026 escapes.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Render(RunOutcome run, int parallelism, IReadOnlyList<TargetFinishedEvent> targets)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", 1);
            json.WriteString("result", run.Result.ToString());
            json.WriteString("startedAt", Timestamp(run.StartedAt));
            json.WriteString("finishedAt", Timestamp(run.FinishedAt));
            json.WriteNumber("wallSeconds", Math.Round(run.WallTime.TotalSeconds, 3));
            json.WriteNumber("parallelism", parallelism);
            json.WriteStartArray("targets");
            foreach (var target in targets)
            {
                json.WriteStartObject();
                json.WriteString("name", target.Name);
                json.WriteString("status", target.Status.ToString());
                WriteTime(json, "startedAt", target.StartedAt);
                WriteTime(json, "finishedAt", target.FinishedAt);
                json.WriteNumber("durationSeconds", Math.Round(target.Duration.TotalSeconds, 3));
                json.WriteString("reason", target.Reason);
                json.WriteString("error", target.Error);
                json.WriteStartObject("outputs");
                foreach (var (name, value) in target.Outputs)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Writes the record atomically, so a reader never sees half a file.</summary>
    public static Task WriteAsync(string temporaryDirectory, byte[] content, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(Path.Combine(temporaryDirectory, FileName), content, cancellationToken);

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            json.WriteString(name, Timestamp(value));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
