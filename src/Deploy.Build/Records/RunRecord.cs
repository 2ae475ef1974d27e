using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Deploy.Build.Execution;
using Deploy.Build.Parameters;

namespace Deploy.Build.Records;

/// <summary>
/// <c>.nuke/temp/run.json</c>, the contract documented in docs/run-record.md: schema 3, result, times,
/// wall seconds, parallelism, the parameters given and where from (no value for secrets), the problems that kept
/// an invalid run from starting, and one entry per planned target. Strings arrive with secrets already masked.
/// </summary>
internal static class RunRecord
{
    public const string FileName = "run.json";

    // The record is read by people and scripts, never embedded in HTML: a reason reads `Commit == \"x\"` and
    // non-ASCII text stays as it is, instead of \u0022 and \u2026 escapes.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The record's format version: 2 added <c>parameters</c>, <c>problems</c> and the result <c>Invalid</c>; 3 the
    /// status <c>UpToDate</c>.
    /// </summary>
    public const int Schema = 3;

    /// <param name="run">The finished (or never started) run.</param>
    /// <param name="parallelism">At most this many targets at once.</param>
    /// <param name="targets">Every planned target, in plan order.</param>
    /// <param name="parameters">The parameters given a value, and where from.</param>
    /// <param name="problems">Why an invalid run did not start (masked); empty otherwise.</param>
    /// <param name="mask">Masks secrets (and URL credentials) in parameter values.</param>
    public static byte[] Render(
        RunOutcome run,
        int parallelism,
        IReadOnlyList<TargetFinishedEvent> targets,
        IReadOnlyList<ResolvedParameter>? parameters = null,
        IReadOnlyList<string>? problems = null,
        Func<string, string>? mask = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", Schema);
            json.WriteString("result", run.Result.ToString());
            json.WriteString("startedAt", Timestamp(run.StartedAt));
            json.WriteString("finishedAt", Timestamp(run.FinishedAt));
            json.WriteNumber("wallSeconds", Math.Round(run.WallTime.TotalSeconds, 3));
            json.WriteNumber("parallelism", parallelism);
            WriteParameters(json, parameters ?? [], mask ?? (text => text));
            json.WriteStartArray("problems");
            foreach (var problem in problems ?? [])
            {
                json.WriteStringValue(problem);
            }

            json.WriteEndArray();
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

    /// <summary><c>{ "name": "container-name", "source": ".nuke/parameters.json", "value": "web" }</c>; a secret has no value.</summary>
    private static void WriteParameters(Utf8JsonWriter json, IReadOnlyList<ResolvedParameter> parameters, Func<string, string> mask)
    {
        json.WriteStartArray("parameters");
        foreach (var given in parameters)
        {
            json.WriteStartObject();
            json.WriteString("name", given.Parameter.CliName);
            json.WriteString("source", given.Source);
            if (given.Parameter.IsSecret)
            {
                // Not even a placeholder: the record says a secret was given and where from, nothing of its value.
            }
            else if (given.Parameter.ValueType.IsArray)
            {
                json.WriteStartArray("value");
                foreach (var value in given.Values)
                {
                    json.WriteStringValue(mask(value));
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteString("value", mask(string.Join(' ', given.Values)));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
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
